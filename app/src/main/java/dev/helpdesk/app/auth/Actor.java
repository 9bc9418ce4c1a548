package dev.helpdesk.app.auth;

import dev.helpdesk.app.web.ApiException;

/** Who is making the request, as loaded from the database for this request. */
public record Actor(long id, String email, String name, Role role, Long organizationId) {

    public boolean isStaff() {
        return role.isStaff();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public Actor requireStaff() {
        if (!isStaff()) {
            throw ApiException.forbidden("only agents and admins may do this");
        }
        return this;
    }

    public Actor requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("only admins may do this");
        }
        return this;
    }
}
