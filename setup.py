"""The package tree, found rather than listed (issue 29): three folders make one tree,
which pyproject.toml cannot say, so this file finds every package in each. A package
listed by hand was left out of the wheel (livinglab.commands); found, none can be.
Everything else about the build, the data files included, is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

# Each part of the installed tree and the folder it comes from.
PACKAGE_DIRS = {"livinglab": "src/livinglab", "livinglab.tui": "tui",
                "livinglab.examples": "cases"}


def packages() -> list[str]:
    """Every folder under each part: a folder of data files without __init__.py (a
    templates/ or static/ to come) is a package too, so its files ship by the patterns
    in pyproject.toml."""
    found = []
    for name, folder in PACKAGE_DIRS.items():
        found.append(name)
        found += [f"{name}.{sub}" for sub in find_namespace_packages(
            folder, exclude=["__pycache__", "*.__pycache__"])]
    return found


if __name__ == "__main__":  # as the build runs it; tests/test_install.py reads PACKAGE_DIRS
    setup(packages=packages(), package_dir=PACKAGE_DIRS)
