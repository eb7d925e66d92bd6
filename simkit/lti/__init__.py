"""LTI 1.3: courses launched from the agency's learning platform (Moodle and others), scores passed back to it."""
