/* The checks every string from outside passes: validity, length, width. */
#include "config.h"
#include "unit.h"
#include "core/utf8.h"

#include <locale.h>
#include "govnet/banned.h"

int main(void)
{
	size_t used;

	setlocale(LC_ALL, "C.UTF-8");
	CHECK(utf8_valid("东海县教育局", strlen("东海县教育局")), "Chinese text is valid UTF-8");
	CHECK(!utf8_valid("\xff\xfe", 2), "a stray byte is refused");
	CHECK(!utf8_valid("\xc0\xaf", 2), "an overlong slash is refused");
	CHECK(!utf8_valid("\xed\xa0\x80", 3), "a UTF-16 surrogate is refused");
	CHECK(!utf8_valid("\xe4\xb8", 2), "a character cut short is refused");
	CHECK(utf8_chars("东海county") == 8, "characters are counted, not bytes");
	CHECK(utf8_width("东海县") == 6, "a Chinese character takes two cells");
	CHECK(utf8_width("ab东") == 4, "ASCII takes one cell");
	/* Three cells hold one Chinese character, never half of the second. */
	CHECK(utf8_fit("东海县", 3, &used) == 3 && used == 2, "truncation never splits a character");
	CHECK(utf8_fit("东海县", 4, &used) == 6 && used == 4, "two characters fit in four cells");
	UNIT_DONE();
}
