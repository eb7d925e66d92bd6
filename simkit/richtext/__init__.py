"""HTML of the courses' content, shared by the player, the learners' feedback files and the trainers' notebooks:
scenario text (Markdown), a scored answer's feedback, provisions with their editors' notes, plain tables."""
