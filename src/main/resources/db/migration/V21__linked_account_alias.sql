-- The name a user gives one of their linked accounts in SH Pay. It is kept apart from the bank's own
-- alias (alias), which a re-sync from KFTC's account/list overwrites; the user's name survives it.
ALTER TABLE linked_accounts ADD COLUMN user_alias VARCHAR(40) NULL;
