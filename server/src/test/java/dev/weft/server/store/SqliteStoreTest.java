package dev.weft.server.store;

import java.nio.file.Path;

class SqliteStoreTest extends StoreContract {

  @Override
  String newDatabase(Path dir) {
    return JdbcStore.sqliteUrl(dir);
  }
}
