# SPDX-License-Identifier: Apache-2.0
# Warning flags every shopcrm target gets (see crm_library); -Werror only where CRM_WERROR is on (CI).
set(CRM_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wno-missing-field-initializers)
# g++ 12 reports false -Wrestrict positives inside std::string at -O2 (GCC bug 105329).
list(APPEND CRM_WARNINGS -Wno-restrict)
if(CRM_WERROR)
  list(APPEND CRM_WARNINGS -Werror)
endif()
