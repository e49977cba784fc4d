/*
 * provstudio_xsd: XSD validation by the system's native libxml2, streamed, for the CLI.
 *
 * Why our own addon: libxml2-wasm (what the app and the fallback use) builds a whole tree and
 * exports no reader, SAX or push parser, so a 20 MB file costs about 3x xmllint's time and more
 * than its memory (docs/performance.md, "Big files"). Checked on npm (2026-12) for a binding
 * that exposes libxml2's streaming XSD validation: libxmljs 1.0.11 and libxmljs2 0.37.0 validate
 * a parsed tree (`doc.validate(xsd)`) and their SAX parsers have no schema hook; node-libxml 5.0.6
 * loads a tree (`loadXml`, `validateAgainstSchemas`); libxml-xsd 0.5.2 is a tree validator on an
 * unmaintained libxmljs fork; xmllint-wasm 5.3.0 runs xmllint in WebAssembly (the speed we have);
 * xsd-schema-validator 0.11.0 runs Java. None fits, so this is a small N-API module in C.
 *
 * What it does:
 *   compile(files, entry)  compiles a schema set given in memory (relative name -> bytes); the
 *                          entity loader serves only those files while compiling and refuses
 *                          everything else at any time (no file, no network).
 *   validateFile(set, path)   streams the file through libxml2's parser with the schema
 *   validateBytes(set, bytes) validator plugged into its SAX events (xmlSchemaSAXPlug): no tree,
 *                          memory independent of the document's size.
 * Both return { issues, root, doctype }: every finding libxml2 raised (domain, code, level, line,
 * column, message; for schema findings the element's path as star-index
 * steps (slash, star, [index] per level) and the line of its start
 * tag, which is what libxml2 gives in tree mode), the root element's name, and whether a DOCTYPE
 * was met (parsing stops there: our own scanner refuses DTDs with its own message).
 *
 * Documents are read as UTF-8 (the encoding declaration is ignored, as the WebAssembly path does
 * with the bytes it is given), with network access off, big line numbers and libxml2's "huge"
 * limits, the options the WebAssembly path uses (shared/common/schema/libxml.ts).
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#define INSTANCE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE | XML_PARSE_IGNORE_ENC)
#define SCHEMA_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE)
#define URL_PREFIX "provstudio-schemas/"

/* ---------- growable arrays ---------- */

static int grow(void **items, size_t *capacity, size_t needed, size_t item_size) {
  if (needed <= *capacity) return 1;
  size_t next = *capacity ? *capacity * 2 : 16;
  while (next < needed) next *= 2;
  void *moved = realloc(*items, next * item_size);
  if (!moved) return 0;
  *items = moved;
  *capacity = next;
  return 1;
}

static char *copy_string(const char *text) {
  if (!text) return NULL;
  size_t length = strlen(text);
  char *copy = malloc(length + 1);
  if (copy) memcpy(copy, text, length + 1);
  return copy;
}

/* ---------- findings ---------- */

typedef struct {
  int domain;
  int code;
  int level;
  long line;
  int column;
  int schema; /* 1: a schema validity finding (domain XML_FROM_SCHEMASV) */
  char *message;
  char *path; /* schema findings: the element's path, one star-index step per level */
} Issue;

typedef struct {
  long line; /* line of the start tag's end, as libxml2 records it for the element */
  unsigned long index; /* 1-based position among its parent's element children */
  unsigned long children; /* element children seen so far */
} Frame;

typedef struct {
  Issue *issues;
  size_t issue_count, issue_capacity;
  Frame *frames;
  size_t depth, frame_capacity;
  unsigned long root_count;
  int pending_pop; /* an element ended; its frame stays until the next event (the validator reports its end after us) */
  int in_start; /* between our start event and the next one: the validator is checking the new element */
  int doctype;
  int out_of_memory;
  char *root_local, *root_namespace;
  xmlParserCtxtPtr parser;
} Run;

/* The run whose findings libxml2's callbacks collect (the calls are synchronous). */
static _Thread_local Run *active_run;

static void settle(Run *run) {
  run->in_start = 0;
  if (run->pending_pop) {
    run->pending_pop = 0;
    if (run->depth > 0) run->depth--;
  }
}

static char *frame_path(const Run *run, size_t depth) {
  size_t capacity = depth * 24 + 1;
  char *path = malloc(capacity);
  if (!path) return NULL;
  size_t used = 0;
  path[0] = 0;
  for (size_t level = 0; level < depth; level++) {
    int written = snprintf(path + used, capacity - used, "/*[%lu]", run->frames[level].index);
    if (written < 0 || (size_t)written >= capacity - used) break;
    used += (size_t)written;
  }
  return path;
}

static void collect(void *unused, xmlErrorPtr error) {
  (void)unused;
  Run *run = active_run;
  if (!run || !error) return;
  if (!grow((void **)&run->issues, &run->issue_capacity, run->issue_count + 1, sizeof(Issue))) {
    run->out_of_memory = 1;
    return;
  }
  Issue *issue = &run->issues[run->issue_count++];
  memset(issue, 0, sizeof *issue);
  issue->domain = error->domain;
  issue->code = error->code;
  issue->level = error->level;
  issue->line = error->line;
  issue->column = error->int2;
  issue->message = copy_string(error->message ? error->message : "");
  issue->schema = error->domain == XML_FROM_SCHEMASV;
  if (issue->schema && run->depth > 0) {
    /* The element the finding is about: the current one, except for the findings libxml2 raises
     * about the parent while it checks a new child against the parent's content ("Element content
     * is not allowed": empty or simple content, or a nilled parent; xmlSchemaValidateChildElem). */
    size_t depth = run->depth;
    int about_parent = error->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1 || error->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2 ||
                       error->code == XML_SCHEMAV_CVC_TYPE_3_1_2 || error->code == XML_SCHEMAV_CVC_ELT_3_2_1;
    if (run->in_start && about_parent && depth > 1) depth--;
    issue->line = run->frames[depth - 1].line;
    issue->path = frame_path(run, depth);
  }
}

/* libxml2 2.9 sets no depth limit with XML_PARSE_HUGE; newer ones (libxml2-wasm) stop at 2048
 * nested elements, with this message. The same limit here keeps the two engines' answers equal. */
#define MAX_DEPTH 2048

static void depth_exceeded(Run *run) {
  if (!grow((void **)&run->issues, &run->issue_capacity, run->issue_count + 1, sizeof(Issue))) {
    run->out_of_memory = 1;
    return;
  }
  Issue *issue = &run->issues[run->issue_count++];
  memset(issue, 0, sizeof *issue);
  issue->domain = XML_FROM_PARSER;
  issue->code = XML_ERR_INTERNAL_ERROR;
  issue->level = XML_ERR_FATAL;
  issue->line = run->parser && run->parser->input ? run->parser->input->line : 0;
  issue->column = run->parser && run->parser->input ? run->parser->input->col : 0;
  issue->message = copy_string("Excessive depth in document: 2048, use XML_PARSE_HUGE option");
}

static void free_run(Run *run) {
  for (size_t index = 0; index < run->issue_count; index++) {
    free(run->issues[index].message);
    free(run->issues[index].path);
  }
  free(run->issues);
  free(run->frames);
  free(run->root_local);
  free(run->root_namespace);
}

/* ---------- SAX events (ours; the validator's are plugged around them) ---------- */

static void on_start(void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
  (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_attributes, (void)nb_defaulted, (void)attributes;
  Run *run = data;
  settle(run);
  if (run->depth >= MAX_DEPTH) {
    depth_exceeded(run);
    xmlStopParser(run->parser);
    return;
  }
  if (!grow((void **)&run->frames, &run->frame_capacity, run->depth + 1, sizeof(Frame))) {
    run->out_of_memory = 1;
    xmlStopParser(run->parser);
    return;
  }
  unsigned long index = run->depth > 0 ? ++run->frames[run->depth - 1].children : ++run->root_count;
  if (run->depth == 0 && !run->root_local) {
    run->root_local = copy_string((const char *)localname);
    run->root_namespace = copy_string(uri ? (const char *)uri : "");
  }
  Frame *frame = &run->frames[run->depth++];
  frame->line = run->parser && run->parser->input ? run->parser->input->line : 0;
  frame->index = index;
  frame->children = 0;
  run->in_start = 1;
}

static void on_end(void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
  (void)localname, (void)prefix, (void)uri;
  Run *run = data;
  settle(run);
  run->pending_pop = 1;
}

static void on_text(void *data, const xmlChar *text, int length) {
  (void)text, (void)length;
  settle(data);
}

static void on_doctype(void *data, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id) {
  (void)name, (void)external_id, (void)system_id;
  Run *run = data;
  run->doctype = 1;
  xmlStopParser(run->parser);
}

/* ---------- input ---------- */

typedef struct {
  int fd; /* -1: memory */
  const unsigned char *bytes;
  size_t length, position;
} Source;

static int read_source(void *context, char *buffer, int length) {
  Source *source = context;
  if (source->fd >= 0) {
    for (;;) {
      ssize_t count = read(source->fd, buffer, (size_t)length);
      if (count >= 0) return (int)count;
      if (errno != EINTR) return -1;
    }
  }
  size_t count = source->length - source->position;
  if (count > (size_t)length) count = (size_t)length;
  memcpy(buffer, source->bytes + source->position, count);
  source->position += count;
  return (int)count;
}

static int close_source(void *context) {
  (void)context; /* the caller closes */
  return 0;
}

/* ---------- schema sets and the entity loader ---------- */

typedef struct {
  char *url;
  unsigned char *bytes;
  size_t length;
} SchemaFile;

typedef struct {
  SchemaFile *files;
  size_t count;
} SchemaFiles;

/* The files the loader may serve: only while a set compiles. */
static _Thread_local SchemaFiles *serving;

static xmlParserInputPtr load_entity(const char *url, const char *id, xmlParserCtxtPtr context) {
  (void)id;
  if (serving && url) {
    for (size_t index = 0; index < serving->count; index++) {
      if (strcmp(serving->files[index].url, url) != 0) continue;
      xmlParserInputBufferPtr buffer = xmlParserInputBufferCreateMem((const char *)serving->files[index].bytes, (int)serving->files[index].length, XML_CHAR_ENCODING_NONE);
      if (!buffer) return NULL;
      xmlParserInputPtr input = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE);
      if (!input) {
        xmlFreeParserInputBuffer(buffer);
        return NULL;
      }
      input->filename = (const char *)xmlStrdup((const xmlChar *)url);
      return input;
    }
  }
  /* Anything else (a file, a URL, a DTD) is refused. */
  return NULL;
}

typedef struct {
  xmlSchemaPtr schema;
} SchemaHandle;

static void finalize_schema(napi_env env, void *data, void *hint) {
  (void)env, (void)hint;
  SchemaHandle *handle = data;
  if (handle->schema) xmlSchemaFree(handle->schema);
  free(handle);
}

/* ---------- N-API helpers ---------- */

#define CALL(env, call)                                   \
  do {                                                    \
    if ((call) != napi_ok) {                              \
      napi_throw_error((env), NULL, "N-API call failed"); \
      return NULL;                                        \
    }                                                     \
  } while (0)

static napi_value string_value(napi_env env, const char *text) {
  napi_value value;
  if (!text) {
    napi_get_null(env, &value);
    return value;
  }
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &value);
  return value;
}

static void set_number(napi_env env, napi_value object, const char *key, double number) {
  napi_value value;
  napi_create_double(env, number, &value);
  napi_set_named_property(env, object, key, value);
}

static napi_value issues_value(napi_env env, const Run *run) {
  napi_value array;
  napi_create_array_with_length(env, run->issue_count, &array);
  for (size_t index = 0; index < run->issue_count; index++) {
    const Issue *issue = &run->issues[index];
    napi_value object, flag;
    napi_create_object(env, &object);
    set_number(env, object, "domain", issue->domain);
    set_number(env, object, "code", issue->code);
    set_number(env, object, "level", issue->level);
    set_number(env, object, "line", (double)issue->line);
    set_number(env, object, "column", issue->column);
    napi_set_named_property(env, object, "message", string_value(env, issue->message));
    napi_set_named_property(env, object, "path", string_value(env, issue->path));
    napi_get_boolean(env, issue->schema, &flag);
    napi_set_named_property(env, object, "schema", flag);
    napi_set_element(env, array, (uint32_t)index, object);
  }
  return array;
}

static char *string_argument(napi_env env, napi_value value) {
  size_t length;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) return NULL;
  char *text = malloc(length + 1);
  if (!text) return NULL;
  napi_get_value_string_utf8(env, value, text, length + 1, &length);
  return text;
}

static int bytes_argument(napi_env env, napi_value value, const unsigned char **bytes, size_t *length) {
  napi_typedarray_type type;
  void *data;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, value, &type, length, &data, &buffer, &offset) != napi_ok || type != napi_uint8_array) return 0;
  *bytes = data;
  return 1;
}

/* ---------- compile(files: Record<string, Uint8Array>, entry: string) -> set ---------- */

static void free_files(SchemaFiles *files) {
  for (size_t index = 0; index < files->count; index++) {
    free(files->files[index].url);
    free(files->files[index].bytes);
  }
  free(files->files);
}

static napi_value compile(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "compile(files, entry)");
    return NULL;
  }
  napi_value names;
  uint32_t count;
  CALL(env, napi_get_property_names(env, argv[0], &names));
  CALL(env, napi_get_array_length(env, names, &count));
  SchemaFiles files = { calloc(count ? count : 1, sizeof(SchemaFile)), 0 };
  char *entry = string_argument(env, argv[1]);
  const SchemaFile *entry_file = NULL;
  for (uint32_t index = 0; index < count && files.files; index++) {
    napi_value key, value;
    const unsigned char *bytes;
    size_t length;
    napi_get_element(env, names, index, &key);
    napi_get_property(env, argv[0], key, &value);
    char *name = string_argument(env, key);
    if (!name || !bytes_argument(env, value, &bytes, &length)) {
      free(name);
      continue;
    }
    SchemaFile *file = &files.files[files.count++];
    file->url = malloc(strlen(URL_PREFIX) + strlen(name) + 1);
    strcpy(file->url, URL_PREFIX);
    strcat(file->url, name);
    file->bytes = malloc(length ? length : 1);
    memcpy(file->bytes, bytes, length);
    file->length = length;
    if (entry && strcmp(name, entry) == 0) entry_file = file;
    free(name);
  }
  free(entry);
  if (!entry_file) {
    free_files(&files);
    napi_throw_error(env, "XSD_COMPILE", "the schema set has no entry schema");
    return NULL;
  }

  Run run = { 0 };
  active_run = &run;
  serving = &files;
  xmlSetStructuredErrorFunc(NULL, collect);
  xmlSchemaPtr schema = NULL;
  xmlDocPtr document = xmlReadMemory((const char *)entry_file->bytes, (int)entry_file->length, entry_file->url, NULL, SCHEMA_OPTIONS);
  if (document) {
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt(document);
    if (parser) {
      xmlSchemaSetParserStructuredErrors(parser, collect, NULL);
      schema = xmlSchemaParse(parser);
      xmlSchemaFreeParserCtxt(parser);
    }
    xmlFreeDoc(document);
  }
  xmlSetStructuredErrorFunc(NULL, NULL);
  serving = NULL;
  active_run = NULL;
  free_files(&files);

  if (!schema) {
    napi_value error, message, code;
    const char *first = run.issue_count > 0 ? run.issues[0].message : "the schemas could not be compiled";
    napi_create_string_utf8(env, first, NAPI_AUTO_LENGTH, &message);
    napi_create_string_utf8(env, "XSD_COMPILE", NAPI_AUTO_LENGTH, &code);
    napi_create_error(env, code, message, &error);
    napi_set_named_property(env, error, "issues", issues_value(env, &run));
    free_run(&run);
    napi_throw(env, error);
    return NULL;
  }
  free_run(&run);
  SchemaHandle *handle = malloc(sizeof *handle);
  handle->schema = schema;
  napi_value external;
  CALL(env, napi_create_external(env, handle, finalize_schema, NULL, &external));
  return external;
}

/* ---------- validation ---------- */

static napi_value validate_source(napi_env env, SchemaHandle *handle, Source *source) {
  if (!handle->schema) {
    napi_throw_error(env, NULL, "this schema set has been disposed");
    return NULL;
  }
  Run run = { 0 };
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_text;
  sax.internalSubset = on_doctype;
  sax.serror = collect;

  active_run = &run;
  xmlSetStructuredErrorFunc(NULL, collect);
  int failed = 0;
  xmlParserCtxtPtr parser = xmlCreateIOParserCtxt(&sax, &run, read_source, close_source, source, XML_CHAR_ENCODING_UTF8);
  xmlSchemaValidCtxtPtr validator = parser ? xmlSchemaNewValidCtxt(handle->schema) : NULL;
  if (parser && validator) {
    run.parser = parser;
    xmlCtxtUseOptions(parser, INSTANCE_OPTIONS);
    xmlSchemaSetValidStructuredErrors(validator, collect, NULL);
    xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(validator, &parser->sax, &parser->userData);
    if (plug) {
      xmlParseDocument(parser);
      xmlSchemaSAXUnplug(plug);
    } else {
      failed = 1;
    }
  } else {
    failed = 1;
  }
  if (validator) xmlSchemaFreeValidCtxt(validator);
  if (parser) xmlFreeParserCtxt(parser);
  xmlSetStructuredErrorFunc(NULL, NULL);
  active_run = NULL;

  if (failed || run.out_of_memory) {
    free_run(&run);
    napi_throw_error(env, NULL, failed ? "libxml2 could not start the validation" : "out of memory while validating");
    return NULL;
  }
  napi_value result, root, doctype;
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "issues", issues_value(env, &run));
  if (run.root_local) {
    napi_create_object(env, &root);
    napi_set_named_property(env, root, "localName", string_value(env, run.root_local));
    napi_set_named_property(env, root, "namespaceUri", string_value(env, run.root_namespace));
  } else {
    napi_get_null(env, &root);
  }
  napi_set_named_property(env, result, "root", root);
  napi_get_boolean(env, run.doctype, &doctype);
  napi_set_named_property(env, result, "doctype", doctype);
  free_run(&run);
  return result;
}

static SchemaHandle *handle_argument(napi_env env, napi_value value) {
  void *data = NULL;
  if (napi_get_value_external(env, value, &data) != napi_ok || !data) {
    napi_throw_type_error(env, NULL, "not a compiled schema set");
    return NULL;
  }
  return data;
}

static napi_value validate_file(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  SchemaHandle *handle = argc >= 2 ? handle_argument(env, argv[0]) : NULL;
  if (!handle) return NULL;
  char *path = string_argument(env, argv[1]);
  if (!path) {
    napi_throw_type_error(env, NULL, "validateFile(set, path)");
    return NULL;
  }
  Source source = { open(path, O_RDONLY | O_CLOEXEC), NULL, 0, 0 };
  if (source.fd < 0) {
    int code = errno;
    napi_value error, message, code_value;
    napi_create_string_utf8(env, strerror(code), NAPI_AUTO_LENGTH, &message);
    napi_create_string_utf8(env, code == ENOENT ? "ENOENT" : "EIO", NAPI_AUTO_LENGTH, &code_value);
    napi_create_error(env, code_value, message, &error);
    free(path);
    napi_throw(env, error);
    return NULL;
  }
  free(path);
  napi_value result = validate_source(env, handle, &source);
  close(source.fd);
  return result;
}

static napi_value validate_bytes(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  SchemaHandle *handle = argc >= 2 ? handle_argument(env, argv[0]) : NULL;
  if (!handle) return NULL;
  Source source = { -1, NULL, 0, 0 };
  if (!bytes_argument(env, argv[1], &source.bytes, &source.length)) {
    napi_throw_type_error(env, NULL, "validateBytes(set, Uint8Array)");
    return NULL;
  }
  return validate_source(env, handle, &source);
}

static napi_value dispose(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  SchemaHandle *handle = argc >= 1 ? handle_argument(env, argv[0]) : NULL;
  if (!handle) return NULL;
  if (handle->schema) xmlSchemaFree(handle->schema);
  handle->schema = NULL;
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  LIBXML_TEST_VERSION
  xmlSetExternalEntityLoader(load_entity);
  napi_property_descriptor properties[] = {
    { "compile", NULL, compile, NULL, NULL, NULL, napi_default, NULL },
    { "validateFile", NULL, validate_file, NULL, NULL, NULL, napi_default, NULL },
    { "validateBytes", NULL, validate_bytes, NULL, NULL, NULL, napi_default, NULL },
    { "dispose", NULL, dispose, NULL, NULL, NULL, napi_default, NULL },
    { "libxmlVersion", NULL, NULL, NULL, NULL, string_value(env, LIBXML_DOTTED_VERSION), napi_enumerable, NULL },
  };
  napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties);
  return exports;
}

NAPI_MODULE_INIT() {
  return init(env, exports);
}
