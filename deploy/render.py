"""Render deploy/nginx.conf for a set of replicas: fill in @PREFIX@ and @LISTEN@, repeat the @REPLICA@ line.

    python deploy/render.py --prefix /srv/nginx-fentkg --listen 0.0.0.0:80 \
        --replica 10.0.0.11:5000 --replica 10.0.0.12:5000 > /srv/nginx-fentkg/nginx.conf

Standard library only, so it runs on a load balancer that has no fentkg installed. The test
(tests/deploy/test_replicas.py) renders the same file, so what is tested is what is deployed.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
ADDRESS = re.compile(r"^[\w.\-\[\]:]+:\d{1,5}$")  # host:port, IPv6 in brackets


def render(template: str, prefix: str, listen: str, replicas: list[str]) -> str:
    """The template with placeholders filled; every line holding @REPLICA@ is repeated once per replica.

    Comment lines are left as they are: they document the placeholders.
    """
    lines = []
    for line in template.splitlines(keepends=True):
        if line.lstrip().startswith("#"):
            lines.append(line)
        elif "@REPLICA@" in line:
            lines.extend(line.replace("@REPLICA@", replica) for replica in replicas)
        else:
            lines.append(line.replace("@PREFIX@", prefix).replace("@LISTEN@", listen))
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", required=True, help="directory for nginx's pid, logs and temp files (absolute)")
    parser.add_argument("--listen", required=True, help="address:port (or port) nginx listens on")
    parser.add_argument("--replica", action="append", required=True, help="host:port of a `fentkg serve` (repeat)")
    parser.add_argument("--template", type=Path, default=TEMPLATE, help="the template (default: deploy/nginx.conf)")
    args = parser.parse_args(argv)
    if not Path(args.prefix).is_absolute():
        parser.error(f"--prefix must be an absolute path, got {args.prefix!r}")
    for replica in args.replica:
        if not ADDRESS.match(replica):
            parser.error(f"--replica must be host:port, got {replica!r}")
    if not (ADDRESS.match(args.listen) or args.listen.isdigit()):
        parser.error(f"--listen must be address:port or a port, got {args.listen!r}")
    try:
        template = args.template.read_text(encoding="utf-8")
    except OSError as exc:
        parser.error(f"cannot read the template {args.template}: {exc.strerror}")
    sys.stdout.write(render(template, args.prefix.rstrip("/"), args.listen, args.replica))
    return 0


if __name__ == "__main__":
    sys.exit(main())
