"""The cache's keys carry the code's release, so a deploy never serves markup kept by the old code."""

from django.conf import settings

from config.release import code_release


def _tree(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("Y = 1\n", encoding="utf-8")
    return tmp_path


def test_a_changed_template_view_or_translation_is_a_new_release(tmp_path):
    root = _tree(tmp_path)
    first = code_release(root)
    assert code_release(root) == first  # the same files: the same release in every process
    (root / "templates" / "page.html").write_text("<p>{{ x|upper }}</p>", encoding="utf-8")
    second = code_release(root)
    assert second != first
    (root / "app" / "views.py").write_text("X = 2\n", encoding="utf-8")
    assert code_release(root) != second


def test_tests_and_tooling_do_not_change_the_release(tmp_path):
    root = _tree(tmp_path)
    first = code_release(root)
    (root / "tests" / "test_x.py").write_text("Y = 2\n", encoding="utf-8")
    assert code_release(root) == first


def test_the_cache_keys_carry_the_release():
    from config.settings import queues  # the base, local and production caches (the tests use their own)

    assert queues.CACHES["default"]["KEY_PREFIX"] == f"r{settings.CACHE_RELEASE}"
    assert code_release(settings.BASE_DIR) == settings.CACHE_RELEASE
