package org.brickworks.tests;

import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;

import java.util.Optional;

import org.apache.hadoop.conf.Configuration;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;

/**
 * An independent Delta reader: Delta Kernel (not Spark, not Delta's Spark connector) reads a table's log and data.
 * Runs as its own JVM ({@code java -cp <test classpath> org.brickworks.tests.DeltaKernelReader <path> <version>}),
 * outside the OSGi test container, and prints {@code latest=<version> columns=<a,b> rows=<n> rowsAt=<n>}: the latest
 * version, its columns and row count, and the row count at {@code <version>}.
 */
public final class DeltaKernelReader {
    private DeltaKernelReader() {
    }

    public static void main(String[] args) throws Exception {
        Engine engine = DefaultEngine.create(new Configuration());
        Table table = Table.forPath(engine, args[0]);
        Snapshot latest = table.getLatestSnapshot(engine);
        Snapshot older = table.getSnapshotAsOfVersion(engine, Long.parseLong(args[1]));
        System.out.println("latest=" + latest.getVersion(engine) + " columns="
                + String.join(",", latest.getSchema(engine).fieldNames()) + " rows=" + rows(engine, latest)
                + " rowsAt=" + rows(engine, older));
    }

    private static long rows(Engine engine, Snapshot snapshot) throws Exception {
        Scan scan = snapshot.getScanBuilder(engine).build();
        Row state = scan.getScanState(engine);
        StructType readSchema = ScanStateRow.getPhysicalDataReadSchema(engine, state);
        long rows = 0;
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row file = fileRows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                                .readParquetFiles(singletonCloseableIterator(status), readSchema, Optional.empty());
                        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine,
                                state, file, physical)) {
                            while (logical.hasNext()) {
                                FilteredColumnarBatch batch = logical.next();
                                for (int i = 0; i < batch.getData().getSize(); i++) {
                                    if (batch.getSelectionVector().isEmpty()
                                            || batch.getSelectionVector().get().getBoolean(i)) {
                                        rows++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }
}
