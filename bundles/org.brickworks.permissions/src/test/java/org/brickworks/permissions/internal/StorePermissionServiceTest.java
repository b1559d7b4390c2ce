package org.brickworks.permissions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.permissions.api.BasicSecurableType;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.SecurableType;
import org.brickworks.permissions.api.dto.AccessControlRequest;
import org.brickworks.permissions.api.dto.ObjectPermissions;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePermissionServiceTest {
    private static final List<SecurableType.Level> WORKSPACE = List.of(new SecurableType.Level("CAN_READ", ""),
            new SecurableType.Level("CAN_RUN", ""), new SecurableType.Level("CAN_EDIT", ""),
            new SecurableType.Level("CAN_MANAGE", ""));
    private static final List<ObjectRef> ABOVE_NOTEBOOKS = List.of(new ObjectRef("directories", "2"),
            new ObjectRef("directories", "1"));
    /** A folder tree: directory 1 holds directory 2 (owned by erin), which holds notebooks 3 (carol's) and 4. */
    private static final Map<String, Securable> TREE = Map.of("1", new Securable(null), "2",
            new Securable("erin", List.of(new ObjectRef("directories", "1")), Collections.singletonList(null)), "3",
            new Securable("carol", ABOVE_NOTEBOOKS, Arrays.asList("erin", null)), "4",
            new Securable(null, ABOVE_NOTEBOOKS, Arrays.asList("erin", null)));

    @TempDir
    Path directory;
    private H2TestStore store;
    private StorePermissionService service;

    @BeforeEach
    void setUp() {
        store = new H2TestStore(directory);
        SecurableTypes types = new SecurableTypes(100);
        types.add(type("directories", "directory", WORKSPACE, "CAN_MANAGE"));
        types.add(type("notebooks", "notebook", WORKSPACE, "CAN_MANAGE"));
        types.add(type("jobs", "job", List.of(new SecurableType.Level("CAN_VIEW", ""),
                new SecurableType.Level("CAN_MANAGE_RUN", ""), new SecurableType.Level("CAN_MANAGE", ""),
                new SecurableType.Level("IS_OWNER", "")), "IS_OWNER"));
        service = new StorePermissionService(new AclStore(store), new Principals() {
            @Override
            public boolean isAdmin(String user) {
                return "admin".equals(user);
            }

            @Override
            public Set<String> groupsOf(String user) {
                return "bob".equals(user) ? Set.of("users", "analysts") : Set.of("users");
            }

            @Override
            public boolean exists(PrincipalKind kind, String name) {
                return !name.startsWith("ghost");
            }
        }, types);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static SecurableType type(String name, String objectType, List<SecurableType.Level> levels,
            String owner) {
        return new BasicSecurableType(name, objectType, levels, owner) {
            @Override
            public Securable resolve(String id) {
                if (name.equals("jobs")) {
                    return new Securable("carol");
                }
                Securable found = TREE.get(id);
                if (found == null) {
                    throw BrickworksException.notFound("no " + id);
                }
                return found;
            }
        };
    }

    private static ObjectRef notebook(String id) {
        return new ObjectRef("notebooks", id);
    }

    private static AccessControlRequest group(String name, String level) {
        return new AccessControlRequest(null, name, null, level);
    }

    private static AccessControlRequest user(String name, String level) {
        return new AccessControlRequest(name, null, null, level);
    }

    @Test
    void theOwnerOfAFolderManagesWhatIsInIt() {
        assertThat(service.levelOf("erin", notebook("4"))).isEqualTo("CAN_MANAGE");
        assertThat(service.levelOf("erin", new ObjectRef("directories", "1"))).isNull();
    }

    @Test
    void levelsAreInheritedDownTheTreeAndGroupsCount() {
        assertThat(service.levelOf("bob", notebook("4"))).isNull();
        service.update("admin", new ObjectRef("directories", "1"), List.of(group("analysts", "CAN_READ")));
        service.update("admin", new ObjectRef("directories", "2"), List.of(user("bob", "CAN_EDIT")));

        assertThat(service.levelOf("bob", notebook("4"))).isEqualTo("CAN_EDIT");
        assertThat(service.levelOf("dave", notebook("4"))).isNull();
        assertThat(service.levelOf("carol", notebook("3"))).isEqualTo("CAN_MANAGE");
        assertThat(service.levelOf("admin", notebook("4"))).isEqualTo("CAN_MANAGE");
        service.require("bob", notebook("4"), "CAN_RUN");
        assertThatThrownBy(() -> service.require("bob", notebook("4"), "CAN_MANAGE"))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    }

    @Test
    void aListShowsWhatTheUserMayRead() {
        List<String> children = List.of("3", "4");
        assertThat(service.visible("carol", new ObjectRef("directories", "2"), children,
                StorePermissionServiceTest::notebook,
                id -> TREE.get(id).owner(), "CAN_READ")).containsExactly("3");
        service.update("admin", notebook("4"), List.of(group("analysts", "CAN_READ")));
        assertThat(service.visible("bob", new ObjectRef("directories", "2"), children,
                StorePermissionServiceTest::notebook,
                id -> TREE.get(id).owner(), "CAN_READ")).containsExactly("4");
        service.update("admin", new ObjectRef("directories", "1"), List.of(user("dave", "CAN_READ")));
        assertThat(service.visible("dave", new ObjectRef("directories", "2"), children,
                StorePermissionServiceTest::notebook,
                id -> TREE.get(id).owner(), "CAN_READ")).containsExactly("3", "4");
    }

    @Test
    void getShowsDirectInheritedOwnerAndAdmins() {
        service.update("admin", new ObjectRef("directories", "2"), List.of(user("bob", "CAN_EDIT")));
        service.update("carol", notebook("3"), List.of(group("users", "CAN_READ")));

        ObjectPermissions permissions = service.get("carol", notebook("3"));

        assertThat(permissions.objectId()).isEqualTo("/notebooks/3");
        assertThat(permissions.objectType()).isEqualTo("notebook");
        assertThat(permissions.accessControlList()).extracting(a -> a.userName() + "/" + a.groupName() + "/"
                + a.allPermissions().get(0).permissionLevel() + "/" + a.allPermissions().get(0).inherited() + "/"
                + a.allPermissions().get(0).inheritedFromObject())
                .containsExactlyInAnyOrder("carol/null/CAN_MANAGE/false/null", "null/users/CAN_READ/false/null",
                        "bob/null/CAN_EDIT/true/[/directories/2]", "erin/null/CAN_MANAGE/true/[/directories/2]",
                        "null/admins/CAN_MANAGE/true/[/notebooks/]");
    }

    @Test
    void putReplacesAndPatchAdds() {
        ObjectRef object = notebook("4");
        service.update("admin", object, List.of(user("bob", "CAN_READ"), user("dave", "CAN_RUN")));
        service.set("admin", object, List.of(user("frank", "CAN_EDIT")));
        assertThat(service.levelOf("bob", object)).isNull();
        assertThat(service.levelOf("frank", object)).isEqualTo("CAN_EDIT");
        service.update("admin", object, List.of(user("frank", "CAN_MANAGE")));
        assertThat(service.levelOf("frank", object)).isEqualTo("CAN_MANAGE");
    }

    @Test
    void onlyManagersChangePermissionsAndBadEntriesChangeNothing() {
        ObjectRef object = notebook("4");
        assertThatThrownBy(() -> service.update("bob", object, List.of(user("bob", "CAN_MANAGE"))))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        for (List<AccessControlRequest> bad : List.of(List.of(user("ghost", "CAN_READ")),
                List.of(user("bob", "IS_OWNER")), List.of(group("admins", "CAN_READ")),
                List.of(new AccessControlRequest("bob", "users", null, "CAN_READ")),
                List.of(user("bob", "CAN_READ"), user("bob", "CAN_RUN")), List.of(user("bob", "CAN_READ"),
                        user("ghost2", "CAN_READ")))) {
            assertThatThrownBy(() -> service.set("admin", object, bad)).isInstanceOfSatisfying(
                    BrickworksException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
        }
        assertThat(service.levelOf("bob", object)).isNull();
    }

    @Test
    void aJobHasOneOwnerThatAPutKeeps() {
        ObjectRef job = new ObjectRef("jobs", "7");
        assertThat(service.levelOf("carol", job)).isEqualTo("IS_OWNER");
        service.set("carol", job, List.of(user("bob", "CAN_VIEW")));
        assertThat(service.levelOf("carol", job)).isEqualTo("IS_OWNER");
        service.update("admin", job, List.of(user("dave", "IS_OWNER")));
        assertThat(service.levelOf("dave", job)).isEqualTo("IS_OWNER");
        assertThat(service.levelOf("carol", job)).isNull();
        assertThat(service.levelOf("bob", job)).isEqualTo("CAN_VIEW");
        service.set("dave", job, List.of());
        assertThat(service.levelOf("dave", job)).isEqualTo("IS_OWNER");
        assertThatThrownBy(() -> service.set("admin", job, List.of(group("users", "IS_OWNER"))))
                .isInstanceOf(BrickworksException.class);
    }

    @Test
    void unknownObjectsAndTypesAreNotFound() {
        assertThatThrownBy(() -> service.levelOf("bob", notebook("99"))).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        assertThatThrownBy(() -> service.levelOf("bob", new ObjectRef("dashboards", "1"))).isInstanceOfSatisfying(
                BrickworksException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }
}
