"""The benchmarks' site set-up: where a kept database's pictures live."""

from bench._server import BENCH_MEDIA, media_folder


def test_a_database_keeps_the_same_picture_folder_on_every_run():
    url = "postgres://postgres@127.0.0.1:5432/shop_bench"

    assert media_folder(url) == media_folder(url)
    assert media_folder(url) == BENCH_MEDIA / "127.0.0.1-5432-shop_bench"


def test_each_database_has_its_own_picture_folder():
    folders = {
        media_folder("postgres://postgres@127.0.0.1:5432/shop_bench"),
        media_folder("postgres://postgres@127.0.0.1:5432/other_bench"),
        media_folder("postgres://postgres@127.0.0.1:5433/shop_bench"),
        media_folder("postgres://postgres@db.internal/shop_bench"),
    }

    assert len(folders) == 4
    assert all(folder.parent == BENCH_MEDIA for folder in folders)
