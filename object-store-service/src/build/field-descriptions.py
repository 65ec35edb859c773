#!/usr/bin/env python3
"""Writes field-descriptions.tsv: the descriptions of the API fields whose type is another API type.

The Java client's generated models (io.kubernetes:client-java-api, which ModelCatalogGenerator reads
at build time) carry a description for every field except those: its generator drops the
description beside a reference ("affinity" of a PodSpec is an Affinity), so `kubectl explain` would
print such fields bare. The `kubernetes-types` npm package has every field's description from
Kubernetes' OpenAPI documents as a comment:

    cd /tmp && npm pack kubernetes-types@1.30.0 && tar xzf kubernetes-types-1.30.0.tgz
    object-store-service/src/build/field-descriptions.py /tmp/package > object-store-service/src/build/field-descriptions.tsv

Output, one field of a stable version a line: group (directory name: core, apps, ...), version, type, field,
description (newlines written as \\n, tabs as spaces).
"""
import pathlib
import re
import sys

INTERFACE = re.compile(r'export interface (\w+) \{(.*?)\n\}', re.S)
FIELD = re.compile(r'/\*\*((?:(?!\*/).)*)\*/\s*\n\s*(?:readonly )?(\w+)\??: (\w+);', re.S)


def main(package: str) -> None:
    root = pathlib.Path(package)
    rows = []
    for path in sorted(root.glob('*/*.d.ts')):
        group, version = path.parent.name, path.name[:-len('.d.ts')]
        if not re.fullmatch(r'v\d+', version):
            continue  # the catalog has the stable versions only
        for interface in INTERFACE.finditer(path.read_text()):
            for field in FIELD.finditer(interface.group(2)):
                comment, name, type_name = field.groups()
                if type_name in ('string', 'number', 'boolean', 'any'):
                    continue  # the Java client's models have these descriptions
                text = re.sub(r'\n\s*\* ?', '\n', comment).strip().replace('\t', ' ')
                rows.append('\t'.join((group, version, interface.group(1), name, text.replace('\n', '\\n'))))
    sys.stdout.write(''.join(row + '\n' for row in rows))


if __name__ == '__main__':
    main(sys.argv[1])
