#!/usr/bin/env bash
# Creates the Secret "exponential-secrets" of the dev overlay with freshly generated values: a JWT
# signing key, the encryption and session keys, and the database password. Nothing is written to
# the repository; the keys exist only in the cluster. Run it once, before `kubectl apply -k`.
# Needs openssl and kubectl (pointing at the dev cluster).
set -euo pipefail
namespace="${1:-exponential-dev}"

if kubectl -n "$namespace" get secret exponential-secrets >/dev/null 2>&1; then
  echo "Secret exponential-secrets already exists in $namespace; delete it first to regenerate."
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/signing-key.pem" 2>/dev/null
: > "$work/previous-keys.pem"

kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl -n "$namespace" create secret generic exponential-secrets \
  --from-file=signing-key.pem="$work/signing-key.pem" \
  --from-file=previous-keys.pem="$work/previous-keys.pem" \
  --from-literal=EXPONENTIAL_ENCRYPTION_KEY="$(openssl rand -base64 32)" \
  --from-literal=EXPONENTIAL_SESSION_KEY="$(openssl rand -base64 32)" \
  --from-literal=QUARKUS_DATASOURCE_USERNAME=exponential \
  --from-literal=QUARKUS_DATASOURCE_PASSWORD="$(openssl rand -hex 24)"
echo "Created Secret exponential-secrets in namespace $namespace"
