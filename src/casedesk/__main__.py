"""`casedesk` and `python -m casedesk` both start here."""

import sys


def main(argv: list[str] | None = None) -> int:
    from casedesk.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    raise SystemExit(main())
