#pragma once
// The content contract: every kind of content file, declared once (declarations.cpp).
#include <vector>

#include "contract/contract.h"
#include "contract/records.h"
#include "contract/section.h"

namespace nastavnik {

const Contract<SiteFile>& site_contract();
const Contract<OrgFile>& org_contract();
const Contract<IndexFront>& index_contract();
const Contract<NewsFront>& news_contract();
const Contract<DocumentFront>& document_contract();
const Contract<OrderFront>& order_contract();
const Contract<StoryFront>& story_contract();
const Contract<PracticeFront>& practice_contract();
const Contract<PageFront>& page_contract();
const Contract<MentorRecord>& mentor_contract();
const Contract<IndicatorsFile>& indicators_contract();
const Contract<RoadmapFile>& roadmap_contract();

/// The kind of the Markdown files of a section: news_contract() for Section::News, ….
const ContractInfo& section_contract(Section s);

/// Every kind of file, in the order of the reference.
std::vector<const ContractInfo*> all_contracts();

}  // namespace nastavnik
