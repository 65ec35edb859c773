package io.kubelite.objectstore.storage;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

interface ObjectRepository extends JpaRepository<ObjectRecord, Long> {

    Optional<ObjectRecord> findByResourceAndNamespaceAndName(String resource, String namespace, String name);

    @Query(value = "SELECT * FROM objects WHERE owner_uids @> CAST(:uidArray AS jsonb)", nativeQuery = true)
    List<ObjectRecord> findByOwnerUid(@Param("uidArray") String uidArray);

    List<ObjectRecord> findByNamespace(String namespace);

    List<ObjectRecord> findByResourceAndNamespace(String resource, String namespace);

    boolean existsByResourceAndNamespaceAndName(String resource, String namespace, String name);
}
