#!/usr/bin/env bash
# Prints a fresh, well-formed unified social credit code (GB 32100-2015, check character included) for an
# enterprise registered in Kunshan (320583): a new applicant unit for each run of the README walkthrough.
set -euo pipefail
alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY"
weights=(1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28)
body="91320583MA"
while [ ${#body} -lt 17 ]; do body+="${alphabet:$((RANDOM % 31)):1}"; done
sum=0
for i in $(seq 0 16); do
  value=$(expr index "$alphabet" "${body:$i:1}")
  sum=$((sum + (value - 1) * weights[i]))
done
printf '%s%s\n' "$body" "${alphabet:$(((31 - sum % 31) % 31)):1}"
