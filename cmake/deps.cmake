# SPDX-License-Identifier: Apache-2.0
# Third-party libraries, all from Debian 12 packages (scripts/install-deps installs them).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CURL REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)        # XLSX reading, privacy zips
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)      # XLSX sheet XML
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)  # XLSX exports
find_package(ICU REQUIRED COMPONENTS uc i18n)                   # pinyin of Chinese names
if(CRM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CRM_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
