"""Helpers the tests share (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations


def publish_edition(data, res, out):
    """One edition's package written to ``out`` at the city's own address: (tables, manifest)."""
    from generator.build import public_address
    from generator.publish.package import build_package
    from generator.publish.tables import published
    tables = published(data, res)
    return tables, build_package(data, res, tables, out, public_address(data))
