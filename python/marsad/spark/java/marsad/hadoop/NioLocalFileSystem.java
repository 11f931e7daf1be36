package marsad.hadoop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) with permissions set by a system call.
 *
 * <p>Without Hadoop's native library (pip's pyspark ships none), {@link RawLocalFileSystem} sets
 * the permission of every file and folder it creates by running {@code chmod} in a new process:
 * three to four processes per Parquet file of a partitioned write, most of the time of writing
 * many small partitions. This class sets the same permission through {@code java.nio} and is
 * otherwise Hadoop's own (checksummed) local file system. Where POSIX permissions are not
 * supported it falls back to Hadoop's way.
 *
 * <p>Marsad's Spark job uses it when it starts Spark itself in local mode
 * ({@code spark.hadoop.fs.file.impl=marsad.hadoop.NioLocalFileSystem}).
 */
public class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (unchecksummed) half: Hadoop's, but for {@link #setPermission}. */
  public static class Raw extends RawLocalFileSystem {
    // bit i of a mode, from the lowest (others' execute) up to the owner's read
    private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ,
    };

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      int mode = permission.toShort();
      if ((mode & ~0777) != 0) {
        // sticky and set-id bits have no java.nio form
        super.setPermission(p, permission);
        return;
      }
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (int i = 0; i < BITS.length; i++) {
        if ((mode & (1 << i)) != 0) {
          set.add(BITS[i]);
        }
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }
}
