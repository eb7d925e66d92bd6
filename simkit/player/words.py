"""The player's own words in Russian and English. Kazakh content falls back to Russian for these (no Kazakh
translation of the interface is provided yet)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "answer": {"ru": "Ответить", "en": "Answer"},
    "save_answer": {"ru": "Сохранить ответ", "en": "Save answer"},
    "saved": {"ru": "Ответ сохранён.", "en": "Answer saved."},
    "correct": {"ru": "Верно", "en": "Correct"},
    "partly": {"ru": "Частично верно", "en": "Partly correct"},
    "incorrect": {"ru": "Неверно", "en": "Incorrect"},
    "review": {"ru": "Ответ будет оценён преподавателем", "en": "A trainer will review this answer"},
    "points": {"ru": "баллов", "en": "points"},
    "progress": {"ru": "Вопросов пройдено: {done} из ~{total}", "en": "Questions answered: {done} of ~{total}"},
    "up": {"ru": "Выше", "en": "Move up"},
    "down": {"ru": "Ниже", "en": "Move down"},
    "choose_provision": {"ru": "Выберите норму", "en": "Choose a provision"},
    "editors_note": {"ru": "Примечание ИЗПИ", "en": "Editors' note"},
    "reading": {"ru": "Толкование", "en": "Interpretation"},
    "other_reading": {"ru": "Принимается и другое толкование", "en": "Another reading also accepted"},
    "audience_note": {"ru": "Почему здесь другая норма", "en": "Why another set of rules here"},
    "your_answer": {"ru": "Ваш ответ", "en": "Your answer"},
    "timeline": {"ru": "Что происходит дальше: дисциплинарное дело", "en": "What happens next: the disciplinary case"},
    "deadline": {"ru": "срок наложения взыскания", "en": "deadline for a sanction"},
    "event_day": {"ru": "Дата", "en": "Date", "kk": "Күні"},
    "event_provision": {"ru": "Норма", "en": "Provision", "kk": "Норма"},
    "event": {"ru": "Что происходит", "en": "What happens", "kk": "Не болады"},
    "back": {"ru": "← К списку", "en": "← Back to the list"},
    "open": {"ru": "Открыть", "en": "Open"},
    "continue": {"ru": "Продолжить", "en": "Continue"},
    "not_started": {"ru": "не начат", "en": "not started"},
    "in_progress": {"ru": "в процессе", "en": "in progress"},
    "done": {"ru": "завершён", "en": "done"},
    "practice": {"ru": "тренировка: отзыв после каждого ответа", "en": "practice: feedback after each answer"},
    "exam": {"ru": "экзамен: ответы записываются без оценки", "en": "exam: answers are recorded, not marked"},
    "minutes": {"ru": "мин", "en": "min"},
    "ack_title": {"ru": "Письменное ознакомление с Кодексом этики", "en": "Written acknowledgement of the Code"},
    "ack_text": {
        "ru": "Я ознакомлен(а) с Кодексом служебной этики гражданских служащих и обязуюсь его соблюдать.",
        "en": "I have read the Code of service ethics of civil employees and undertake to observe it.",
    },
    "ack_button": {"ru": "Подтвердить ознакомление", "en": "Confirm"},
    "ack_done": {"ru": "Ознакомление подтверждено {date}.", "en": "Acknowledgement recorded on {date}."},
    "ack_need": {"ru": "Сначала отметьте, что вы прочитали Кодекс.", "en": "First tick that you have read the Code."},
    "code_text": {"ru": "Текст Кодекса", "en": "The text of the Code"},
    "save_failed": {
        "ru": "Ответ не сохранён: {reason}. Нажмите ещё раз.",
        "en": "The answer was not saved: {reason}. Press again.",
    },
    "submit": {"ru": "Сдать", "en": "Submit"},
    "finish": {"ru": "Завершить курс", "en": "Finish the course"},
    "submit_ready": {
        "ru": "Все кейсы пройдены. Сдайте экзамен, чтобы узнать результат.",
        "en": "Every case is done. Submit the exam to see your result.",
    },
    "finish_ready": {
        "ru": "Курс пройден. Завершите его, чтобы он попал в ваш учётный лист.",
        "en": "The course is done. Finish it so that it goes on your training record.",
    },
    "submit_failed": {
        "ru": "Не удалось сдать: {reason}. Попробуйте ещё раз.",
        "en": "Not submitted: {reason}. Try again.",
    },
    "result": {
        "ru": "Результат: {score} из {most} ({percent} %).",
        "en": "Your result: {score} of {most} ({percent} %).",
    },
    "result_passed": {"ru": "Курс сдан.", "en": "Passed."},
    "result_failed": {"ru": "Курс не сдан.", "en": "Not passed."},
    "result_pending": {
        "ru": "Ответов ждут проверки преподавателем: {count}. Итог будет после проверки.",
        "en": "Answers waiting for a trainer's review: {count}. The verdict comes after the review.",
    },
    "certificate": {"ru": "Открыть сертификат", "en": "Open the certificate"},
    "offline_saved": {
        "ru": "Ваши ответы сохранены; их оценит преподаватель.",
        "en": "Your answers are saved; a trainer will grade them.",
    },
    "courses": {"ru": "Мои курсы", "en": "My courses"},
    "signed_in": {"ru": "Вы вошли как", "en": "Signed in as"},
    "change_learner": {
        "ru": "Другой слушатель: перезапустите приложение командой `make run LEARNER=…`.",
        "en": "Someone else: restart the app with `make run LEARNER=…`.",
    },
    "no_learner": {"ru": "Не удалось определить слушателя", "en": "The learner cannot be told"},
    "no_courses": {
        "ru": "Курсы ещё не выпущены (преподаватель запускает `simkit release --all`).",
        "en": "No course is released yet (a trainer runs `simkit release --all`).",
    },
    "language": {"ru": "Язык", "en": "Language"},
    "fix_single_choice": {"ru": "Выберите один из вариантов.", "en": "Choose one of the options."},
    "fix_multiple_choice": {"ru": "Отметьте верные варианты.", "en": "Tick the right options."},
    "fix_ordering": {"ru": "Расположите все пункты по порядку.", "en": "Put every item in order."},
    "fix_date": {"ru": "Укажите дату.", "en": "Pick a date."},
    "fix_number": {"ru": "Введите число.", "en": "Enter a number."},
    "fix_provision": {"ru": "Выберите норму.", "en": "Choose a provision."},
    "fix_free_text": {"ru": "Напишите ответ (до 5000 знаков).", "en": "Write your answer (up to 5,000 characters)."},
}


def word(key: str, lang: str, **values: object) -> str:
    text = WORDS[key].get(lang) or WORDS[key]["ru"]
    return text.format(**values) if values else text
