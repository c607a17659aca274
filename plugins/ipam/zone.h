/*
 * zone.h — the zone plugin (`govnet zone …`, Art 20): registering the
 * extranet's zone and the subzones it delegates, and exporting any zone as
 * a BIND master file.
 */
#ifndef IPAM_ZONE_H
#define IPAM_ZONE_H

#include "govnet/plugin.h"
#include "zones.h"

int zone_add(struct gn_call *call);
int zone_set(struct gn_call *call);
int zone_export(struct gn_call *call);
int zone_demo(struct gn_demo *demo);

#endif
