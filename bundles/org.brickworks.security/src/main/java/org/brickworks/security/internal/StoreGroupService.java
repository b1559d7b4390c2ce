package org.brickworks.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.GroupService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.Group;
import org.brickworks.security.api.dto.GroupSpec;
import org.brickworks.security.api.dto.Member;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.store.api.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Groups kept in the store, beside the users ({@link StoreUserService} migrates the schema). */
@Component
public class StoreGroupService implements GroupService {
    private static final Set<String> BUILT_IN = Set.of(UserService.ADMINS, UserService.USERS);

    private final Store store;

    @Activate
    public StoreGroupService(@Reference StoreUserService users) {
        this.store = users.store();
    }

    @Override
    public List<Group> list() {
        return store.transaction(c -> {
            Directory d = Directory.read(c);
            return d.groupNames().keySet().stream().sorted().map(id -> group(d, id)).toList();
        });
    }

    @Override
    public Group get(long id) {
        return store.transaction(c -> group(Directory.read(c), id));
    }

    private static Group group(Directory d, long id) {
        String name = d.groupNames().get(id);
        if (name == null) {
            throw BrickworksException.notFound("Group " + id + " does not exist");
        }
        List<Member> members = new ArrayList<>();
        for (long member : d.members(id)) {
            Principal p = d.principals().get(member);
            members.add(p != null ? new Member(member, p.kind() == PrincipalKind.USER ? p.userName() : p.displayName(),
                    p.kind()) : new Member(member, d.groupNames().get(member), PrincipalKind.GROUP));
        }
        return new Group(id, name, d.externalIds().get(id), members, d.entitlements(id), d.groupRefs(id),
                Instant.ofEpochMilli(d.groupCreated().getOrDefault(id, 0L)));
    }

    @Override
    public Group create(String caller, GroupSpec spec) {
        return store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            String name = Inputs.required(spec.displayName(), "displayName");
            if (Directory.read(c).groupId(name) != null) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, "Group " + name + " already exists");
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO user_groups (display_name, external_id, created_at) VALUES (?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, Inputs.optional(spec.externalId(), "externalId"));
                s.setLong(3, System.currentTimeMillis());
                s.executeUpdate();
            }
            long id = Directory.read(c).groupId(name);
            Directory.writeEntitlements(c, id, Inputs.entitlements(spec.entitlements()));
            if (spec.memberIds() != null) {
                addMembers(c, id, spec.memberIds());
            }
            Directory.syncAdmins(c);
            return group(Directory.read(c), id);
        });
    }

    @Override
    public Group replace(String caller, long id, GroupSpec spec) {
        return store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            Directory d = Directory.read(c);
            String old = group(d, id).displayName();
            String name = Inputs.required(spec.displayName(), "displayName");
            if (!name.equals(old)) {
                if (BUILT_IN.contains(old)) {
                    throw BrickworksException.invalidParameter("displayName: the built-in group " + old
                            + " cannot be renamed");
                }
                if (d.groupId(name) != null) {
                    throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS,
                            "Group " + name + " already exists");
                }
            }
            try (PreparedStatement s = c
                    .prepareStatement("UPDATE user_groups SET display_name = ?, external_id = ? WHERE id = ?")) {
                s.setString(1, name);
                s.setString(2, Inputs.optional(spec.externalId(), "externalId"));
                s.setLong(3, id);
                s.executeUpdate();
            }
            Directory.writeEntitlements(c, id, Inputs.entitlements(spec.entitlements()));
            // Every user and service principal is in users: its members are not a caller's to replace.
            if (spec.memberIds() != null && !UserService.USERS.equals(old)) {
                removeMembers(c, id, Set.copyOf(d.members(id)));
                addMembers(c, id, spec.memberIds());
            }
            Directory.syncAdmins(c);
            return group(Directory.read(c), id);
        });
    }

    @Override
    public void delete(String caller, long id) {
        store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            String name = group(Directory.read(c), id).displayName();
            if (BUILT_IN.contains(name)) {
                throw BrickworksException.invalidParameter("The built-in group " + name + " cannot be deleted");
            }
            Directory.delete(c, "user_groups", id);
            Directory.syncAdmins(c);
            return null;
        });
    }

    @Override
    public void addMembers(String caller, long groupId, Set<Long> memberIds) {
        store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            group(Directory.read(c), groupId);
            addMembers(c, groupId, memberIds);
            Directory.syncAdmins(c);
            return null;
        });
    }

    @Override
    public void removeMembers(String caller, long groupId, Set<Long> memberIds) {
        store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            Directory d = Directory.read(c);
            if (UserService.USERS.equals(group(d, groupId).displayName())) {
                throw BrickworksException.invalidParameter(
                        "members: every user and service principal belongs to the built-in group users");
            }
            removeMembers(c, groupId, memberIds);
            Directory.syncAdmins(c);
            return null;
        });
    }

    /** Adds members that exist and are not yet members; refuses unknown ids and groups that would nest in a cycle. */
    private static void addMembers(Connection c, long groupId, Set<Long> memberIds) throws SQLException {
        Directory d = Directory.read(c);
        for (long member : memberIds) {
            boolean isGroup = d.groupNames().containsKey(member);
            if (!isGroup && !d.principals().containsKey(member)) {
                throw BrickworksException.invalidParameter("members: no user, service principal or group has id "
                        + member);
            }
            if (isGroup && (member == groupId || d.transitiveMembers(member).contains(groupId))) {
                throw BrickworksException.invalidParameter("members: group " + member
                        + " contains group " + groupId + " already; groups cannot nest in a cycle");
            }
        }
        try (PreparedStatement s = c
                .prepareStatement("INSERT INTO group_members (group_id, member_id) VALUES (?, ?)")) {
            for (long member : memberIds) {
                if (!d.members(groupId).contains(member)) {
                    s.setLong(1, groupId);
                    s.setLong(2, member);
                    s.executeUpdate();
                }
            }
        }
    }

    private static void removeMembers(Connection c, long groupId, Set<Long> memberIds) throws SQLException {
        try (PreparedStatement s = c
                .prepareStatement("DELETE FROM group_members WHERE group_id = ? AND member_id = ?")) {
            for (long member : memberIds) {
                s.setLong(1, groupId);
                s.setLong(2, member);
                s.executeUpdate();
            }
        }
    }

}
