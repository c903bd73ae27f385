// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/zip_archive.h"

#include <zip.h>

#include <cstdio>
#include <memory>

namespace crm::customers {

namespace {

Error zip_failed(std::string detail) {
  Error error = internal_error(std::move(detail));
  error.code = "zip.failed";
  return error;
}

Error unreadable(std::string detail) {
  Error error = invalid_input("zip.unreadable", "The file is not a readable zip archive.");
  error.detail = std::move(detail);
  return error;
}

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;

// The bytes an in-memory source holds after its archive was closed.
Result<std::string> source_bytes(zip_source_t* source) {
  if (zip_source_open(source) < 0) return zip_failed(zip_error_strerror(zip_source_error(source)));
  std::string out;
  char buffer[64 * 1024];
  zip_int64_t n = 0;
  while ((n = zip_source_read(source, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<size_t>(n));
  }
  zip_source_close(source);
  if (n < 0) return zip_failed("reading the archive back failed");
  return out;
}

}  // namespace

Result<std::string> write_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  SourcePtr source(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!source) return zip_failed(zip_error_strerror(&error));
  // The archive frees its source on close; keep it alive to read the result back.
  zip_source_keep(source.get());
  zip_t* archive = zip_open_from_source(source.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return zip_failed(message);
  }
  zip_error_fini(&error);
  for (const ZipEntry& entry : entries) {
    // freep = 0: the data stays owned by `entries`, which outlives zip_close below.
    zip_source_t* data = zip_source_buffer(archive, entry.data.data(), entry.data.size(), 0);
    if (data == nullptr ||
        zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (data != nullptr) zip_source_free(data);
      const std::string message = zip_strerror(archive);
      zip_discard(archive);
      return zip_failed(message);
    }
  }
  if (zip_close(archive) < 0) {
    const std::string message = zip_strerror(archive);
    zip_discard(archive);
    return zip_failed(message);
  }
  return source_bytes(source.get());
}

Result<std::vector<ZipEntry>> read_zip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) return unreadable(zip_error_strerror(&error));
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return unreadable(message);
  }
  zip_error_fini(&error);
  std::vector<ZipEntry> out;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    zip_file_t* file = nullptr;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) < 0 ||
        (file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0)) == nullptr) {
      const std::string message = zip_strerror(archive);
      zip_discard(archive);
      return unreadable(message);
    }
    ZipEntry entry{stat.name, std::string(static_cast<size_t>(stat.size), '\0')};
    const zip_int64_t read = zip_fread(file, entry.data.data(), stat.size);
    zip_fclose(file);
    if (read != static_cast<zip_int64_t>(stat.size)) {
      zip_discard(archive);
      return unreadable("short read");
    }
    out.push_back(std::move(entry));
  }
  zip_discard(archive);  // read-only: nothing to write back; frees the source
  return out;
}

}  // namespace crm::customers
