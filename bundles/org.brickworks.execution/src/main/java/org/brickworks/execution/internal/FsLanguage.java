package org.brickworks.execution.internal;

import org.brickworks.execution.api.CellLanguage;
import org.osgi.service.component.annotations.Component;

/**
 * The agent's built-in {@code fs}: {@code dbutils.fs} commands as {@code %fs} cells write them ({@code ls /path},
 * {@code head}, {@code put}, {@code cp}, {@code mv}, {@code rm}, {@code mkdirs}, {@code mounts}).
 */
@Component(property = CellLanguage.NAME_PROPERTY + "=fs")
public class FsLanguage implements CellLanguage {

    @Override
    public String description() {
        return "DBFS commands: ls, head, put, cp, mv, rm, mkdirs, mounts";
    }
}
