package dev.weft.server.store;

import dev.weft.server.PostgresCluster;
import java.nio.file.Path;

class PostgresStoreTest extends StoreContract {

  @Override
  String newDatabase(Path dir) {
    return PostgresCluster.get().newDatabase();
  }
}
