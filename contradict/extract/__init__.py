from ._all import NATIONS, OUTLET, ROLES, statements_from_article  # noqa: F401
