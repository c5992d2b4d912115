"""The Qt-free core: sources and cleaning, conversion, keywords, storage, search.

Nothing in this package may import PySide6 or reader_app.ui (tests/test_layering.py checks).
"""
