#!/usr/bin/env python3
"""Cuts from Kubernetes' OpenAPI (swagger 2.0) document the definitions of the kinds deploy/k8s ships and every
definition they refer to, unchanged: kubernetes-definitions.json. Run again when a manifest uses a new kind:
  cut-kubernetes-definitions.py swagger.json > kubernetes-definitions.json
"""
import json
import sys

KINDS = [
    "io.k8s.api.core.v1.Namespace", "io.k8s.api.core.v1.ConfigMap", "io.k8s.api.core.v1.Secret",
    "io.k8s.api.core.v1.Service", "io.k8s.api.core.v1.ServiceAccount", "io.k8s.api.apps.v1.Deployment",
    "io.k8s.api.apps.v1.StatefulSet", "io.k8s.api.policy.v1.PodDisruptionBudget",
    "io.k8s.api.networking.v1.NetworkPolicy",
]

swagger = json.load(open(sys.argv[1]))
definitions = swagger["definitions"]
kept = {}


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value.rsplit("/", 1)[-1]
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


pending = list(KINDS)
while pending:
    name = pending.pop()
    if name not in kept:
        kept[name] = definitions[name]
        pending.extend(refs(definitions[name]))

json.dump({"source": swagger.get("info", {}), "definitions": dict(sorted(kept.items()))}, sys.stdout, indent=1,
          sort_keys=False)
print()
