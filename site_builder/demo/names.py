"""Clusters and units of a made-up province, as many as the scale asks, named as real ones are.

Names matter to the benchmark: the site indexes unit names for search, so
they must look like the real ones (Vietnamese, with diacritics), and ids must
be the ASCII slugs a Department would choose.
"""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

UNITS_PER_CLUSTER = 15

# Two syllables make a place name; 30 × 30 of them give 900 distinct places,
# enough for 60 clusters of 15 units without repeating a name.
FIRST = ["An", "Bình", "Cẩm", "Diễn", "Đông", "Gia", "Hà", "Hòa", "Hưng", "Kim", "Kỳ", "Lạc", "Long", "Mỹ",
         "Nam", "Ngọc", "Nghĩa", "Phú", "Phúc", "Quảng", "Sơn", "Tân", "Thạch", "Thanh", "Thuận", "Tiên",
         "Trường", "Vạn", "Vĩnh", "Yên"]
SECOND = ["An", "Bắc", "Bình", "Châu", "Đức", "Giang", "Hà", "Hải", "Hòa", "Hưng", "Khánh", "Lâm", "Lập",
          "Lộc", "Lợi", "Minh", "Mỹ", "Ninh", "Phong", "Phú", "Sơn", "Tân", "Thành", "Thịnh", "Thủy", "Tiến",
          "Trung", "Xuân", "Yên", "Định"]
KINDS = [  # (kind, unit name prefix, id prefix, cluster theme)
    ("benh-vien", "Bệnh viện Đa khoa khu vực", "bvkv", "Các bệnh viện đa khoa khu vực"),
    ("trung-tam-y-te", "Trung tâm Y tế huyện", "ttyt", "Trung tâm Y tế các huyện"),
    ("trung-tam", "Trung tâm Kiểm soát bệnh tật khu vực", "cdckv", "Các đơn vị y tế dự phòng"),
]


@dataclass(frozen=True)
class DemoUnit:
    id: str
    name: str
    kind: str

    @property
    def account(self) -> str:
        # Registry accounts: ASCII, at most 39 characters, as GitHub user names are.
        return f"{self.id}-tdkt"[:39].rstrip("-")


@dataclass(frozen=True)
class DemoCluster:
    number: int
    id: str
    name: str
    units: tuple[DemoUnit, ...]

    @property
    def account(self) -> str:
        return f"cum{self.number:02d}-thuongtruc"


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def clusters(scale: int, seed: int, units: int = UNITS_PER_CLUSTER) -> list[DemoCluster]:
    """`scale` clusters of `units` units each; every name distinct, the same for the same seed."""
    places = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
    if scale * units > len(places):
        raise ValueError(f"tối đa {len(places)} đơn vị ({len(places) // units} cụm)")
    random.Random(f"names:{seed}").shuffle(places)
    found = []
    for number in range(1, scale + 1):
        kind, prefix, short, theme = KINDS[(number - 1) % len(KINDS)]
        mine = places[(number - 1) * units: number * units]
        members = tuple(DemoUnit(f"{short}-{ascii_slug(p)}", f"{prefix} {p}", kind) for p in mine)
        found.append(DemoCluster(number, f"cum-{number:02d}", f"Cụm thi đua số {number} - {theme}", members))
    return found
