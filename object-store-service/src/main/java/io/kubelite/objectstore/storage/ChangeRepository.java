package io.kubelite.objectstore.storage;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ChangeRepository extends JpaRepository<ChangeRecord, Long> {

    @Query(value = "SELECT COALESCE(MAX(resource_version), 0) FROM changes", nativeQuery = true)
    long latestResourceVersion();
}
