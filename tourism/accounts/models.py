from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourism.accounts.enums import Role
from tourism.core import clock
from tourism.core.types import UTCDateTime
from tourism.extensions import db


class User(UserMixin, db.Model):
    """A person who logs in; the role and its scope (city, agency or guide) bound what they may do."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role <> 'regulator' OR city_code IS NOT NULL", name="regulator_city"),
        CheckConstraint("role <> 'inspector' OR city_code IS NOT NULL", name="inspector_city"),
        CheckConstraint("role <> 'agency_admin' OR agency_id IS NOT NULL", name="agency_admin_agency"),
        CheckConstraint("role <> 'guide' OR guide_id IS NOT NULL", name="guide_guide"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = Role.column("role", 20)
    city_code: Mapped[str | None] = mapped_column(String(6))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"), index=True)
    guide_id: Mapped[int | None] = mapped_column(ForeignKey("guides.id", ondelete="RESTRICT"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Browser sessions carry the version they were opened at; raising it ends them all (log-out, new password).
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    def __repr__(self):
        return f"<User {self.username} {self.role}>"


class ApiToken(db.Model):
    """A bearer token for the API; only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")

    def is_valid(self, moment) -> bool:
        return self.revoked_at is None and moment < self.expires_at
