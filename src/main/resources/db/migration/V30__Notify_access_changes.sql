-- Every replica caches which tokens are live and what /api/v1/me answers; whatever changes them
-- (a revocation on any replica, an expiry edit, a membership or profile change, even a manual SQL
-- statement) tells every replica at commit through NOTIFY, so cached answers never outlive the truth.

create function notify_access_change() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'api_token' then
        perform pg_notify('exponential_access', 'token:' || coalesce(new.id, old.id));
    elsif tg_table_name = 'app_user' then
        perform pg_notify('exponential_access', 'user:' || coalesce(new.id, old.id));
    else
        perform pg_notify('exponential_access', 'user:' || coalesce(new.user_id, old.user_id));
        if tg_op = 'UPDATE' and new.user_id <> old.user_id then
            perform pg_notify('exponential_access', 'user:' || old.user_id);
        end if;
    end if;
    return null;
end
$$;

create function notify_access_change_workspace() returns trigger language plpgsql as $$
begin
    perform pg_notify('exponential_access', 'user:' || m.user_id) from membership m where m.workspace_id = new.id;
    return null;
end
$$;

create trigger api_token_access_change after update of revoked_at, expires_at, user_id, type or delete on api_token
    for each row execute function notify_access_change();
create trigger app_user_access_change after update of email, name or delete on app_user
    for each row execute function notify_access_change();
create trigger membership_access_change after insert or update or delete on membership
    for each row execute function notify_access_change();
create trigger workspace_access_change after update of name on workspace
    for each row execute function notify_access_change_workspace();
