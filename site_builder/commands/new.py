"""new: a complete submission to fill in, written from the year's rubric."""
from __future__ import annotations

import os
from pathlib import Path

from site_builder import layout
from site_builder.commands import add_root
from site_builder.load.repository import Repository
from site_builder.load.rubric import rubric_for_year
from site_builder.problems import EXIT_OK, UsageError
from site_builder.render.template_env import yaml_environment


def add_parser(sub) -> None:
    p = sub.add_parser("new", help="tạo tệp tự chấm mới từ bộ tiêu chí")
    p.add_argument("--unit", required=True, help="mã đơn vị, ví dụ bv-da-khoa-tinh")
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--period", required=True, choices=layout.PERIODS)
    p.add_argument("--cluster", help="mã cụm thi đua (mặc định: theo danh sách cụm của năm)")
    p.add_argument("--output", type=Path, help="nơi ghi (mặc định: đúng chỗ trong submissions/); '-' để in ra màn hình")
    add_root(p)
    p.set_defaults(run=run)


def render(root: Path, unit: str, year: int, period: str, cluster: str, unit_name: str = "") -> str:
    rubric = Repository(root).rubric(year, cluster) or rubric_for_year(root, year)
    target = layout.submission_path(root, year, period, cluster, unit)
    schema = os.path.relpath(layout.schema_path(root, year, rubric.cluster), target.parent)
    template = yaml_environment().get_template("submission.yaml.j2")
    return template.render(
        unit=unit, unit_name=unit_name, year=year, period=period, cluster=cluster,
        period_name=layout.PERIOD_NAMES[period], criteria=list(rubric.by_id.values()),
        schema_ref=Path(schema).as_posix(), path=layout.rel(root, target),
    ) + "\n"


def _cluster(args) -> tuple[str, str]:
    """The unit's cluster that year, from the registry where there is one."""
    registry = Repository(args.root).registry(args.year)
    if registry is None:
        if not args.cluster:
            raise UsageError(f"Chưa có danh sách cụm năm {args.year}: hãy ghi --cluster.")
        return args.cluster, ""
    cluster = registry.cluster_of(args.unit)
    if cluster is None:
        raise UsageError(f"Đơn vị '{args.unit}' không có trong danh sách cụm năm {args.year}.")
    if args.cluster and args.cluster != cluster.id:
        raise UsageError(f"Năm {args.year}, đơn vị '{args.unit}' thuộc cụm '{cluster.id}', không phải '{args.cluster}'.")
    return cluster.id, cluster.unit(args.unit).name


def run(args) -> int:
    for name in ("unit", "cluster"):
        if getattr(args, name) and not layout.re.fullmatch(layout.SLUG, getattr(args, name)):
            raise UsageError(f"--{name} '{getattr(args, name)}' phải là chữ thường không dấu, số và '-', ví dụ bv-da-khoa-tinh.")
    args.cluster, name = _cluster(args)
    text = render(args.root, args.unit, args.year, args.period, args.cluster, name)
    if str(args.output) == "-":
        print(text, end="")
        return EXIT_OK
    target = args.output or layout.submission_path(args.root, args.year, args.period, args.cluster, args.unit)
    refused = UsageError(f"{target} đã có; không ghi đè. Xóa hoặc đổi tên tệp cũ nếu thật sự muốn tạo lại.")
    if target.exists() or target.is_symlink():
        raise refused
    target.parent.mkdir(parents=True, exist_ok=True)
    # "x" creates or fails, in one step: nothing written through a symbolic link
    # (exists() is False for a dangling one) nor over a file made in the meantime.
    try:
        with open(target, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise refused from None
    print(f"Đã tạo {target}. Điền số liệu rồi chạy: python -m site_builder validate {target}")
    return EXIT_OK
