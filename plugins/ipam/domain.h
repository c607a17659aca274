/*
 * domain.h — domain records under the extranet's zones (`govnet domain …`,
 * Art 20): the handlers behind the domain plugin's actions.
 */
#ifndef IPAM_DOMAIN_H
#define IPAM_DOMAIN_H

#include "govnet/plugin.h"
#include "zones.h"

int domain_add(struct gn_call *call);
int domain_remove(struct gn_call *call);
/* The demo's names (domain_demo.c). */
int domain_demo(struct gn_demo *demo);

#endif
