package org.brickworks.shell.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.libraries.api.ClusterLibraryService;
import org.brickworks.libraries.api.dto.ClusterLibraryStatuses;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.LibraryCache;
import org.brickworks.libraries.api.dto.MavenLibrary;
import org.brickworks.libraries.api.dto.PypiLibrary;
import org.brickworks.permissions.api.ObjectRef;
import org.osgi.service.component.annotations.Component;

/**
 * Cluster libraries: {@code bw:lib-install}, {@code bw:lib-status}, {@code bw:lib-uninstall}, {@code bw:lib-resolve},
 * {@code bw:lib-cache}. A library is written {@code mvn:group:artifact:version[:classifier]},
 * {@code pypi:<requirement>} or a {@code dbfs:/...jar|whl} path.
 */
@Component
public class LibraryCommands extends CommandGroup {
    private static final String LIBRARY = "mvn:group:artifact:version[:classifier], pypi:<requirement> "
            + "or dbfs:/...jar|whl";

    @Descriptor("Install a library on a cluster: at once when it runs, and on every start")
    public String libInstall(
            @Descriptor("repository URL (Maven) or index URL (PyPI) to search too") @Parameter(
                    names = { "-r", "--repo" }, absentValue = "") String repo,
            @Descriptor("Maven exclusions, group:artifact[,group:artifact...]") @Parameter(
                    names = { "-x", "--exclude" }, absentValue = "") String exclusions,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId,
            @Descriptor(LIBRARY) String library) {
        clusterLibraryService().install(clusterId, List.of(parse(library, repo, exclusions)));
        return "Installing " + library + " on " + clusterId + "; bw:lib-status " + clusterId + " shows its progress";
    }

    @Descriptor("Uninstall a library from a cluster: it is gone after the cluster's next restart")
    public String libUninstall(
            @Descriptor("repository URL the library was installed with") @Parameter(names = { "-r", "--repo" },
                    absentValue = "") String repo,
            @Descriptor("exclusions the library was installed with") @Parameter(names = { "-x", "--exclude" },
                    absentValue = "") String exclusions,
            @Descriptor("cluster id, as bw:clusters shows it") String clusterId,
            @Descriptor(LIBRARY) String library) {
        clusterLibraryService().uninstall(clusterId, List.of(parse(library, repo, exclusions)));
        return "Uninstalled " + library + " from " + clusterId + " (UNINSTALL_ON_RESTART while it runs)";
    }

    @Descriptor("List the libraries of one cluster, or of every cluster, with their status")
    public String libStatus(CommandSession session,
            @Descriptor("cluster id (none: every cluster)") String... clusterId) {
        for (String id : clusterId) {
            require(session, ClusterCommands.CLUSTERS, id, ClusterCommands.CAN_ATTACH_TO);
        }
        Set<String> visible = new HashSet<>();
        visible(session, null, service(ClusterService.class, "clusters").list(),
                c -> new ObjectRef(ClusterCommands.CLUSTERS, c.clusterId()), ClusterInfo::creatorUserName,
                ClusterCommands.CAN_ATTACH_TO).forEach(c -> visible.add(c.clusterId()));
        List<ClusterLibraryStatuses> statuses = clusterId.length == 0
                ? clusterLibraryService().allClusterStatuses().stream().filter(c -> visible.contains(c.clusterId()))
                        .toList()
                : Arrays.stream(clusterId).map(clusterLibraryService()::clusterStatus).toList();
        Table table = new Table("CLUSTER", "LIBRARY", "STATUS", "MESSAGE");
        statuses.forEach(cluster -> cluster.libraryStatuses().forEach(s -> table.row(cluster.clusterId(),
                s.library().describe(), s.status(), String.join(" ", s.messages()).replace('\n', ' '))));
        return table.toString();
    }

    @Descriptor("Resolve a library into the cache without installing it; prints its files and the time taken")
    public String libResolve(
            @Descriptor("repository URL (Maven) or index URL (PyPI) to search too") @Parameter(
                    names = { "-r", "--repo" }, absentValue = "") String repo,
            @Descriptor(LIBRARY) String library) {
        long began = System.nanoTime();
        List<Path> files = clusterLibraryService().resolve(parse(library, repo, ""));
        long millis = (System.nanoTime() - began) / 1_000_000;
        StringBuilder out = new StringBuilder();
        files.forEach(file -> out.append(file).append('\n'));
        return out.append("Resolved ").append(library).append(": ").append(files.size()).append(" files in ")
                .append(millis).append(" ms").toString();
    }

    @Descriptor("Show the library caches (entries, size); --purge empties them")
    public String libCache(
            @Descriptor("empty the caches") @Parameter(names = { "-p", "--purge" },
                    presentValue = "true", absentValue = "false") boolean purge) {
        List<LibraryCache> caches = purge ? clusterLibraryService().purgeCaches() : clusterLibraryService().caches();
        Table table = new Table("CACHE", "ENTRIES", "SIZE", "DIRECTORY");
        caches.forEach(c -> table.row(c.kind(), c.entries(), size(c.bytes()), c.directory()));
        return (purge ? "Purged:\n" : "") + table;
    }

    /** {@code mvn:...}, {@code pypi:...} or a {@code dbfs:/} path, as a library of the Libraries API. */
    static Library parse(String library, String repo, String exclusions) {
        String repository = repo.isBlank() ? null : repo;
        if (library.startsWith("mvn:")) {
            List<String> excluded = exclusions.isBlank() ? List.of() : List.of(exclusions.split(","));
            return new Library(new MavenLibrary(library.substring(4), repository, excluded), null, null, null);
        }
        if (library.startsWith("pypi:")) {
            return new Library(null, new PypiLibrary(library.substring(5), repository), null, null);
        }
        if (library.startsWith("dbfs:/") && library.endsWith(".whl")) {
            return Library.whl(library);
        }
        if (library.startsWith("dbfs:/")) {
            return Library.jar(library);
        }
        throw BrickworksException.invalidParameter("Unknown library '" + library + "': expected " + LIBRARY);
    }

    static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0)
                : String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    private ClusterLibraryService clusterLibraryService() {
        return service(ClusterLibraryService.class, "libraries");
    }
}
