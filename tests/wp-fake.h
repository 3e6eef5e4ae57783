/* wp-fake.h: a small WordPress played by a SoupServer on 127.0.0.1, for
 * the tests of the WordPress client and the publish queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define USER "editor"
#define PASSWORD "abcd EFGH ijkl MNOP qrst UVWX"

typedef enum
{
  FAULT_NONE,
  FAULT_NO_ANSWER,          /* users/me: never answers */
  FAULT_500,
  FAULT_503,                /* with Retry-After: 1 */
  FAULT_429,                /* with Retry-After: fake->retry_after */
  FAULT_NOT_JSON,
  FAULT_WRONG_SHAPE,        /* JSON, but a list where an object belongs */
  FAULT_REDIRECT_AWAY,      /* users/me: 302 to 127.0.0.2 */
  FAULT_REDIRECT_HERE,      /* users/me: 301 to the same route on this host */
  FAULT_LINK_AWAY,          /* the REST root named in Link is on another host */
  FAULT_NO_LINK,            /* no Link header: the client falls back to ?rest_route= */
  FAULT_401,
  FAULT_403,
  FAULT_IGNORE_FEATURED,    /* posts: 200 that keeps featured_media 0 */
  FAULT_CREATE_NO_ANSWER,   /* posts: creates the post, then never answers */
} Fault;

typedef struct
{
  SoupServer *server;
  char *url;
  guint port;
  Fault fault;
  guint faults_left;        /* how many requests get the fault; G_MAXUINT for all */
  guint retry_after;
  guint requests;           /* to the faulty route */
  guint creates;            /* POST /wp/v2/posts without id */
  guint term_posts;         /* POST /wp/v2/tags */
  guint clock;              /* advances modified_gmt on every write */
  GPtrArray *posts;         /* JsonObject */
  GPtrArray *media;         /* JsonObject */
  GPtrArray *log;           /* "METHOD /route" */
  GPtrArray *held;          /* messages paused forever */
  gboolean saw_expect;      /* a request carried "Expect:" (php -S never answers it) */
  char *tmpdir;
} Fake;

void  wp_fake_setup     (Fake              *fake,
                         gconstpointer      data);
void  wp_fake_teardown  (Fake              *fake,
                         gconstpointer      data);
void  wp_fake_handler   (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data);
void  wp_fake_set_text  (JsonObject        *post,
                         const char        *member,
                         const char        *raw);

G_END_DECLS
