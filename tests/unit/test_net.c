/* What the network layer accepts at the edge, and how long the outbox
 * waits between attempts. */
#include "config.h"
#include "unit.h"
#include "core/net.h"
#include "core/outbox.h"
#include "govnet/banned.h"

static int url_ok(const char *url, const char *schemes)
{
	struct gn_err err;

	return net_check_url(url, schemes, "地址", &err) == 0;
}

static int addresses_ok(const char *list)
{
	struct gn_err err;

	return net_check_addresses(list, "收件人", &err) == 0;
}

int main(void)
{
	struct gn_err err;
	char long_url[2100];

	CHECK(url_ok("https://hooks.lyg.gov.cn/noc?x=1", "http https"), "an https webhook");
	CHECK(url_ok("http://127.0.0.1:8080/hook", "http https"), "a local http webhook");
	CHECK(!url_ok("ftp://example.cn/x", "http https"), "another scheme is refused");
	CHECK(!url_ok("smtp://mail.lyg.gov.cn", "http https"), "a mail server is not a webhook");
	CHECK(url_ok("smtp://mail.lyg.gov.cn:25", "smtp smtps"), "an smtp server");
	CHECK(!url_ok("https://", "http https"), "a scheme without a host");
	CHECK(!url_ok("https://a b.cn/", "http https"), "a space is refused");
	CHECK(!url_ok("https://x.cn/\r\nHost: evil", "http https"), "a line break is refused");
	CHECK(net_check_url("https://user:pw@x.cn/", "http https", "地址", &err) == -1 && strstr(err.msg, "密码"),
	      "credentials in a URL are refused, saying why");
	CHECK(url_ok("https://x.cn/a@b", "http https"), "an @ in the path is not a credential");
	memset(long_url, 'a', sizeof long_url - 1);
	memcpy(long_url, "https://", 8);
	long_url[sizeof long_url - 1] = '\0';
	CHECK(!url_ok(long_url, "http https"), "an overlong URL is refused");
	CHECK(!url_ok("https://x.cn/\xff", "http https"), "invalid UTF-8 is refused");

	CHECK(addresses_ok("ops@lyg.gov.cn"), "one address");
	CHECK(addresses_ok("ops@lyg.gov.cn, duty@lyg.gov.cn"), "a list");
	CHECK(!addresses_ok("ops@lyg.gov.cn\r\nBcc: x@evil.cn"), "a header cannot be smuggled in");
	CHECK(!addresses_ok("王 <ops@lyg.gov.cn>"), "names are not accepted");
	CHECK(!addresses_ok("ops"), "an address needs an @");
	CHECK(!addresses_ok(""), "an empty list is refused");
	CHECK(!addresses_ok("a@b.cn,,c@d.cn"), "an empty entry is refused");

	CHECK(outbox_backoff(1) == OUTBOX_BACKOFF_S, "the first retry waits the base delay");
	CHECK(outbox_backoff(2) == 2 * OUTBOX_BACKOFF_S, "then twice as long");
	CHECK(outbox_backoff(5) == 16 * OUTBOX_BACKOFF_S, "doubling each time");
	CHECK(outbox_backoff(40) == OUTBOX_BACKOFF_MAX_S, "up to the cap");
	UNIT_DONE();
}
