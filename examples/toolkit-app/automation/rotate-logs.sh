#!/bin/sh
# Rotates the service's logs; shipped in the configuration bundle.
find /var/log/toolkit -name '*.log' -mtime +7 -delete
