-- The last TOTP step accepted for a user, so that a code cannot be used twice.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
