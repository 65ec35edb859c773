package io.kubelite.objectstore.storage;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;

interface ChangeRepository extends JpaRepository<ChangeRecord, Long> {

    @Query(value = "SELECT * FROM changes WHERE resource = :resource AND resource_version > :after "
            + "ORDER BY resource_version LIMIT :limit", nativeQuery = true)
    List<ChangeRecord> findAfter(@Param("resource") String resource, @Param("after") long after,
                                 @Param("limit") int limit);

    @Query(value = "SELECT COALESCE(MAX(resource_version), 0) FROM changes", nativeQuery = true)
    long latestResourceVersion();

    @Query(value = "SELECT compacted_through FROM compaction WHERE id = 1", nativeQuery = true)
    long compactedThrough();
}
