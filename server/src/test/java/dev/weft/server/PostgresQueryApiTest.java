package dev.weft.server;

/** {@link QueryApiTest} against a real PostgreSQL. */
class PostgresQueryApiTest extends QueryApiTest {

  @Override
  ServerConfig.Builder database(ServerConfig.Builder config) {
    return config.setDatabaseUrl(PostgresCluster.get().newDatabase());
  }
}
