"""The reader window: Qt widgets, models and workers on top of reader_app.core."""
