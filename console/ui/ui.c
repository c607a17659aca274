#include "config.h"
#include "ui.h"

#include <stdio.h>

int ui_main(const char *db_path)
{
	fprintf(stderr, "govnet: console not built yet (%s)\n", db_path);
	return 1;
}
