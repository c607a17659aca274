/*
 * govnet/banned.h — functions govnet does not call, in the manner of git's
 * banned.h: each has a bounded or checked replacement, and a use fails to
 * compile.  Included last in every source file of the program and its
 * plugins, after the system headers that declare them.
 *
 *   sprintf, vsprintf   snprintf, vsnprintf, or strbuf (sb_addf)
 *   strcpy, strcat      snprintf, or strbuf
 *   strncpy, strncat    snprintf (strncpy does not terminate)
 *   strtok              strtok_r, or a parser of the format at hand
 *   gets                fgets, getline
 *   atoi, atol, atoll   strtol, strtoll, sscanf with a check of the end
 */
#ifndef GOVNET_BANNED_H
#define GOVNET_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_govnet

#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atoll
#define atoll(x) BANNED(atoll)

#endif
