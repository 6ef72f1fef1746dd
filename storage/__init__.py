"""Storage: SQLAlchemy 2.0 models, repositories, the unit of work and the migrations.

::

    storage.engine        create_engine_for(url), create_session_factory(engine)
    storage.models        the tables (typed models), with their naming convention
    storage.repositories  named queries, one module per table family; none commits
    storage.unit_of_work  UnitOfWork(session_factory): the repositories and the only commit
    storage.migrate       upgrade(url): Alembic from code (storage/migrations), no alembic.ini

Imports ``enrichment`` (the domain) and nothing else of medalist's.
"""
