package org.brickworks.dbfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.libraries.api.LibraryFileSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Library files from DBFS ({@code jar}/{@code whl} libraries at {@code dbfs:/...} paths), on the local root or a
 * mount: each is copied to a temporary file, which the libraries service copies into its cache at once and this
 * component deletes at the platform's exit.
 */
@Component(property = LibraryFileSource.SCHEME_PROPERTY + "=dbfs")
public class DbfsLibraryFiles implements LibraryFileSource {
    private final DbfsService dbfs;

    @Activate
    public DbfsLibraryFiles(@Reference DbfsService dbfs) {
        this.dbfs = dbfs;
    }

    @Override
    public Path fetch(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        try (InputStream in = dbfs.open(uri)) {
            Path copy = Files.createTempFile("brickworks-library-", "-" + name);
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.IO_ERROR, "Cannot read " + uri + ": " + e.getMessage(), e);
        }
    }
}
