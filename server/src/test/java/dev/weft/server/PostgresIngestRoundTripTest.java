package dev.weft.server;

/** {@link IngestRoundTripTest} against a real PostgreSQL. */
class PostgresIngestRoundTripTest extends IngestRoundTripTest {

  @Override
  ServerConfig.Builder database(ServerConfig.Builder config) {
    return config.setDatabaseUrl(PostgresCluster.get().newDatabase());
  }
}
