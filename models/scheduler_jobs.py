"""APScheduler's job store table, declared here so the migrations create it like any other."""

from sqlalchemy import Column, Float, LargeBinary, Table, Unicode

from models.base import metadata

# The same shape APScheduler's SQLAlchemyJobStore would create (it then finds it in place).
apscheduler_jobs = Table(
    "apscheduler_jobs",
    metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
