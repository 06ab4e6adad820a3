#!/usr/bin/env python3
"""Builds the independent labelled entity set in tests/data/entities/independent/ (see its
README.md).

Every English line, every label and every mutation below was written by hand from reading
the Bengali/Marathi seed text, before the checker was run on it. Run (from any directory):
    python3 scripts/entities_independent_set.py
which writes, into tests/data/entities/independent/: {bn,mr}.src.en, {bn,mr}.docids,
bn.{orig,swap,delete,respell,translit}.bn, mr.{orig,swap,delete,respell}.mr and labels.tsv
(M, H and V rows).
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "entities", "independent")
F, M = "found", "missing"

# (target line, English source line, [(name, status), ...]) -- names as written in the
# English (possessive 's dropped), status by reading the target line.
BN = [
 # --- article 000 (Bengali) aligned with the English of 002 ---
 ("দক্ষিণ কোরিয়া এবং ইউরোপীয় ইউনিয়ন সোমবার যৌথভাবে মস্কোতে উত্তর কোরিয়ার অস্ত্র সরবরাহের নিন্দা করেছে এবং রাশিয়ার ইউক্রেনের বিরুদ্ধে যুদ্ধ চালানোর কারণে এটি পাঠানো সেনা প্রত্যাহারের দাবি জানিয়েছে।",
  "South Korea and the European Union issued a joint condemnation on Monday regarding North Korea‘s provision of weaponry to Moscow, calling for the withdrawal of North Korean troops deployed to support Russia in its ongoing conflict with Ukraine.",
  [("South Korea", F), ("European Union", F), ("North Korea", F), ("Moscow", F), ("Russia", F), ("Ukraine", F)]),
 ("ইইউ এবং দক্ষিণ কোরিয়া সিউলে তাদের প্রথম “কৌশলগত সংলাপ” বৈঠকে বসেছিল, ওয়াশিংটন এবং সিউল উত্তর কোরিয়ার রাশিয়াকে সাহায্য করার জন্য সৈন্য পাঠানোর বিষয়ে সতর্কতা বাজানোর পরপরই।",
  "The EU and South Korea sat down for their inaugural “Strategic Dialogue” meeting in Seoul, shortly after concerns were raised by Washington and Seoul about North Korea’s military assistance to Russia.",
  [("EU", F), ("South Korea", F), ("Seoul", F), ("Washington", F), ("Seoul", F), ("North Korea", F), ("Russia", F)]),
 ("একটি যৌথ বিবৃতিতে, ইইউ পররাষ্ট্র নীতির প্রধান জোসেপ বোরেল এবং দক্ষিণ কোরিয়ার পররাষ্ট্রমন্ত্রী চো তাই-ইউল উত্তরের “ইউক্রেনে আক্রমণ করার জন্য রাশিয়ান ফেডারেশনের কাছে বেআইনি অস্ত্র হস্তান্তরের” নিন্দা করেছেন।",
  "In their joint declaration, EU foreign policy chief Josep Borrell and South Korean Foreign Minister Cho Tae-yul denounced North Korea’s “illegal arms transfers to the Russian Federation for use in its aggression against Ukraine.”",
  # উত্তরের = "the North's": the name North Korea itself is not written.
  [("EU", F), ("Josep Borrell", F), ("Cho Tae-yul", F), ("North Korea", M), ("Russian Federation", F), ("Ukraine", F)]),
 ("তারা “বেআইনি সামরিক সহযোগিতা” বন্ধ এবং উত্তর কোরিয়ার বাহিনী প্রত্যাহারের দাবি জানিয়েছে।",
  "They called for an immediate cessation of this “illegal military cooperation” and the withdrawal of North Korean forces.",
  []),
 ("বোরেল দক্ষিণ কোরিয়ার প্রতিরক্ষামন্ত্রী কিম ইয়ং-হিউনের সঙ্গেও সাক্ষাৎ করেন।",
  "Borrell also engaged with South Korean Defence Minister Kim Yong-hyun.",
  [("Borrell", F), ("Kim Yong-hyun", F)]),
 ("“ইউক্রেনের বিরুদ্ধে রাশিয়ার আগ্রাসন একটি অস্তিত্বের হুমকি,” বোরেল X-এর একটি পোস্টে বলেছেন যেটিতে কিমের সাথে তার করমর্দনের একটি ছবি রয়েছে। “কোরিয়া প্রজাতন্ত্র এটি বোঝার জন্য সর্বোত্তম অবস্থানে রয়েছে। আমরা ইউক্রেনের প্রতি আমাদের সমর্থনে ঐক্যবদ্ধ। আমি তাদের এটিকে এগিয়ে নিতে উত্সাহিত করেছি।”",
  "“Russia’s aggression against Ukraine poses an existential threat,” Borrell remarked in a post on X, accompanied by a photo of his handshake with Kim. “The Republic of Korea is uniquely positioned to comprehend this threat. We stand united in our support for Ukraine and I urged them to enhance their efforts.”",
  [("Russia", F), ("Ukraine", F), ("Borrell", F), ("X", F), ("Kim", F), ("Republic of Korea", F), ("Ukraine", F)]),
 ("দুই দেশ সাইবার নিরাপত্তা এবং নিরস্ত্রীকরণ সহ 15টি ক্ষেত্র কভার করে একটি নিরাপত্তা ও প্রতিরক্ষা অংশীদারিত্বও স্বাক্ষর করেছে।",
  "The two nations have established a security and defense partnership that encompasses 15 areas, including cyber security and disarmament.",
  []),
 ("গত সপ্তাহে চো বলেন, উত্তর কোরিয়া রাশিয়াকে সহায়তা করার জবাবে সিউল ইউক্রেনে অস্ত্র পাঠাতে পারে কিনা জানতে চাইলে, যে সমস্ত সম্ভাব্য পরিস্থিতি বিবেচনাধীন ছিল,",
  "In response to a question last week about the possibility of Seoul supplying weapons to Ukraine due to North Korea’s support for Russia, Cho indicated that all potential scenarios are being evaluated.",
  [("Seoul", F), ("Ukraine", F), ("North Korea", F), ("Russia", F), ("Cho", F)]),
 ("দক্ষিণ কোরিয়া মাইন ক্লিয়ারেন্স সরঞ্জাম সহ ইউক্রেনকে অ-প্রাণঘাতী সহায়তা দিয়েছে, কিন্তু অস্ত্রের অনুরোধ প্রত্যাখ্যান করেছে।",
  "While South Korea has supplied non-lethal assistance to Ukraine, such as mine clearance equipment, it has declined requests for weaponry.",
  [("South Korea", F), ("Ukraine", F)]),
 ("সিউল আশা করে উত্তর মস্কো সামরিক ও বেসামরিক প্রযুক্তির মাধ্যমে ক্ষতিপূরণ পাবে, কারণ এটি একটি গুপ্তচর উপগ্রহ উৎক্ষেপণ করতে এবং তার ক্ষেপণাস্ত্রের সক্ষমতা উন্নত করতে দৌড়াচ্ছে।",
  "Seoul anticipates that North Korea will receive military and civilian technology from Moscow as it strives to launch a spy satellite and enhance its missile capabilities.",
  # উত্তর alone = "the North".
  [("Seoul", F), ("North Korea", M), ("Moscow", F)]),
 ("উত্তর কোরিয়া গত সপ্তাহে একটি বিশাল নতুন কঠিন-জ্বালানি আন্তঃমহাদেশীয় ব্যালিস্টিক ক্ষেপণাস্ত্রের পরীক্ষার মাধ্যমে তার সামরিক পেশী নমনীয় করেছে যার নাম হোয়াসোং-19।",
  "Recently, North Korea demonstrated its military strength by testing a large new solid-fuel intercontinental ballistic missile known as Hwasong-19.",
  [("North Korea", F), ("Hwasong-19", F)]),
 ("ওয়াশিংটন আশা করে রাশিয়ার কুরস্ক অঞ্চলে উত্তর কোরিয়ার সৈন্যরা, যার একটি অংশ প্রতিবেশী ইউক্রেন দখল করেছে, শীঘ্রই ইউক্রেনীয় বাহিনীর বিরুদ্ধে যুদ্ধে প্রবেশ করবে, মার্কিন পররাষ্ট্রমন্ত্রী অ্যান্টনি ব্লিঙ্কেন গত সপ্তাহে বলেছিলেন।",
  "U.S. Secretary of State Antony Blinken mentioned last week that Washington expects North Korean troops stationed in Russia’s Kursk region, which has been partially occupied by Ukraine, to soon engage in combat against Ukrainian forces.",
  # মার্কিন is the usual Bengali rendering of "U.S." (as an attribute).
  [("U.S.", F), ("Antony Blinken", F), ("Washington", F), ("Russia", F), ("Kursk", F), ("Ukraine", F)]),
 ("শুক্রবার মস্কোতে আলোচনায় উত্তর কোরিয়ার পররাষ্ট্রমন্ত্রী চোয়ে সন হুই বলেছেন, ইউক্রেনে বিজয় অর্জন না হওয়া পর্যন্ত তার দেশ রাশিয়াকে সমর্থন করবে।",
  "During discussions in Moscow on Friday, North Korean Foreign Minister Choe Son Hui expressed her nation’s support for Russia until it secures victory in Ukraine.",
  [("Moscow", F), ("Choe Son Hui", F), ("Russia", F), ("Ukraine", F)]),
 # --- article 001 (Bengali), our glosses ---
 ("রাশিয়ার পররাষ্ট্রমন্ত্রী ল্যাভরভ পিয়ংইয়ং পৌঁছেছেন, ইউক্রেনের যুদ্ধে \"অটল সমর্থনের\" জন্য উত্তর কোরিয়াকে ধন্যবাদ জানিয়ে বলেছেন যে দ্বিপাক্ষিক সম্পর্ক একটি \"কৌশলগত\" পর্যায়ে পৌঁছেছে।",
  "Lavrov, Russia's foreign minister, has reached Pyongyang and thanked North Korea for its \"steadfast support\" in the Ukraine war, saying the two countries' ties are now at a \"strategic\" stage.",
  [("Lavrov", F), ("Russia", F), ("Pyongyang", F), ("North Korea", F), ("Ukraine", F)]),
 ("রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ ১৮ অক্টোবর উত্তর কোরিয়ায় দুই দিনের সফর শুরু করে পিয়ংইয়ং পৌঁছেছেন।",
  "Sergei Lavrov, the Russian foreign minister, landed in Pyongyang on October 18, beginning a two-day trip to North Korea.",
  [("Sergei Lavrov", F), ("Pyongyang", F), ("North Korea", F)]),
 ("উত্তর কোরিয়ার গণমাধ্যম জানিয়েছে যে ল্যাভরভের এই সফর দ্বিপাক্ষিক সম্পর্ক আরও জোরদার করার জন্য একটি \"গুরুত্বপূর্ণ সুযোগ\" হিসেবে চিহ্নিত হবে।",
  "According to North Korea's media, Lavrov's trip will be an \"important opportunity\" to deepen bilateral ties further.",
  [("North Korea", F), ("Lavrov", F)]),
 ("সেই সন্ধ্যায় উত্তর কোরিয়া আয়োজিত এক সংবর্ধনা অনুষ্ঠানে ভাষণ দিতে গিয়ে ল্যাভরভ বলেন, ইউক্রেনে \"বিশেষ সামরিক অভিযান\" সম্পর্কিত রাশিয়ার কার্যকলাপের প্রতি \"উত্তর কোরিয়ার নীতিগত এবং অবিচল সমর্থনের\" জন্য রাশিয়া \"অত্যন্ত কৃতজ্ঞ\"।",
  "Addressing a reception given by North Korea that evening, Lavrov said Russia is \"deeply grateful\" for \"the principled and steadfast support of North Korea\" for Russia's actions in the \"special military operation\" in Ukraine.",
  [("North Korea", F), ("Lavrov", F), ("Russia", F), ("North Korea", F), ("Russia", F), ("Ukraine", F)]),
 ("\"রাশিয়াও উত্তর কোরিয়ার আকাঙ্ক্ষাকে সম্পূর্ণরূপে সমর্থন করে এবং তাদের সাথে একাত্মতা প্রকাশ করে,\" ল্যাভরভ বলেন।",
  "\"Russia, too, fully backs the aspirations of North Korea and stands in solidarity with its people,\" Lavrov said.",
  [("Russia", F), ("North Korea", F), ("Lavrov", F)]),
 ("লাভরভের এই সফর রাষ্ট্রপতি ভ্লাদিমির পুতিনের ভবিষ্যতের উত্তর কোরিয়া সফরের ভিত্তি তৈরি করবে বলে আশা করা হচ্ছে।",
  "The trip by Lavrov is expected to prepare the ground for a future visit to North Korea by President Vladimir Putin.",
  [("Lavrov", F), ("North Korea", F), ("Vladimir Putin", F)]),
 ("আজ উত্তর কোরিয়ার পররাষ্ট্রমন্ত্রী চোয়ে সন-হুইয়ের সাথে এক বৈঠকে লাভরভ বলেন, দুই দেশের সম্পর্ক এক নতুন স্তরে পৌঁছেছে।",
  "Meeting North Korea's foreign minister Choe Son Hui today, Lavrov said relations between the two countries had reached a new level.",
  [("North Korea", F), ("Choe Son Hui", F), ("Lavrov", F)]),
 ("\"সেপ্টেম্বরে রাষ্ট্রপতি পুতিন এবং নেতা কিম জং-উনের মধ্যে ঐতিহাসিক শীর্ষ সম্মেলনের পর, আমরা আত্মবিশ্বাসের সাথে বলতে পারি যে রাশিয়া-উত্তর কোরিয়া সম্পর্ক একটি গুণগতভাবে নতুন কৌশলগত স্তরে পৌঁছেছে,\" তিনি বলেন।",
  "\"Following the landmark September summit of President Putin and leader Kim Jong Un, we can say with confidence that Russia–North Korea relations are at a qualitatively new strategic level,\" he said.",
  [("Putin", F), ("Kim Jong Un", F), ("Russia", F), ("North Korea", F)]),
 ("১৮ অক্টোবর পিয়ংইয়ংয়ে এক স্বাগত অনুষ্ঠানে রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ (বামে) এবং উত্তর কোরিয়ার পররাষ্ট্রমন্ত্রী চোয়ে সন-হুই। ছবি: এএফপি",
  "Sergei Lavrov of Russia (left) and North Korea's Choe Son Hui, both foreign ministers, at a welcome event in Pyongyang on 18 October. Photo: AFP",
  [("Sergei Lavrov", F), ("Russia", F), ("North Korea", F), ("Choe Son Hui", F), ("Pyongyang", F), ("AFP", F)]),
 ("গত মাসে রাশিয়া সফর এবং রাষ্ট্রপতি পুতিনের সাথে সাক্ষাতের সময়, নেতা কিম জং-উন নিশ্চিত করেছিলেন যে মস্কোর সাথে দ্বিপাক্ষিক সম্পর্ক পিয়ংইয়ংয়ের \"প্রধান অগ্রাধিকার\"।",
  "While visiting Russia last month and meeting President Putin, leader Kim Jong-un affirmed that relations with Moscow were Pyongyang's \"main priority\".",
  [("Russia", F), ("Putin", F), ("Kim Jong-un", F), ("Moscow", F), ("Pyongyang", F)]),
 ("মিঃ কিম জং-উন মিঃ পুতিনকে উত্তর কোরিয়া সফরের আমন্ত্রণও জানান এবং রাশিয়ার রাষ্ট্রপতি তা গ্রহণ করেন।",
  "Kim Jong-un also invited Putin to come to North Korea, and the Russian leader accepted.",
  [("Kim Jong-un", F), ("Putin", F), ("North Korea", F)]),
 ("ক্রেমলিনের মুখপাত্র দিমিত্রি পেসকভ বলেছেন যে কূটনৈতিক চ্যানেলের মাধ্যমে পুতিনের সফরের তারিখ নির্ধারণ করা হয়নি। তার মতে, পররাষ্ট্রমন্ত্রী ল্যাভরভের সফর বিষয়টি সম্পর্কে কিছুটা স্পষ্টতা প্রদান করতে পারে।",
  "Dmitry Peskov, the Kremlin's spokesman, said no date for Putin's trip had been fixed through diplomatic channels, adding that Lavrov's visit might bring some clarity.",
  [("Dmitry Peskov", F), ("Kremlin", F), ("Putin", F), ("Lavrov", F)]),
 ("২০২২ সালের ডিসেম্বরে ইউক্রেনে সংঘাত শুরু হওয়ার পর থেকে রাশিয়া এবং উত্তর কোরিয়ার মধ্যে উষ্ণ সম্পর্ক আরও জোরদার হয়েছে।",
  "Warm ties between Russia and North Korea have grown stronger since fighting began in Ukraine in December 2022.",
  [("Russia", F), ("North Korea", F), ("Ukraine", F)]),
 ("পিয়ংইয়ং বারবার জাতিসংঘে রাশিয়াকে প্রকাশ্যে সমর্থন করেছে, জোর দিয়ে বলেছে যে মার্কিন যুক্তরাষ্ট্র এবং তার পশ্চিমা মিত্রদের \"আধিপত্যবাদী এবং কর্তৃত্ববাদী নীতি\" যুদ্ধের কারণ।",
  "Pyongyang has repeatedly backed Russia in public at the United Nations, arguing that the \"hegemonic and authoritarian policies\" of the United States and its Western allies caused the war.",
  [("Pyongyang", F), ("Russia", F), ("United Nations", F), ("United States", F)]),
 ("উত্তর কোরিয়ার নেতা কিম জং-উন নিশ্চিত করেছেন যে প্রতিবেশী রাশিয়ার সাথে সহযোগিতা জোরদার করা \"স্বাভাবিক\"।",
  "Kim Jong-un, North Korea's leader, affirmed that closer cooperation with neighbouring Russia was \"natural\".",
  [("Kim Jong-un", F), ("North Korea", F), ("Russia", F)]),
 ("হুয়েন লে ( এএফপি , রয়টার্সের মতে)",
  "Huyen Le (according to AFP, Reuters)",
  [("Huyen Le", F), ("AFP", F), ("Reuters", F)]),
 # --- article 004 (Bengali), our glosses ---
 ("শিগগিরই উত্তর কোরিয়া যাচ্ছেন পুতিন",
  "Putin heading to North Korea soon",
  [("Putin", F), ("North Korea", F)]),
 ("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন এবং উত্তর কোরিয়ার প্রেসিডেন্ট কিম জং উন। ছবি : সংগৃহীত",
  "Vladimir Putin, president of Russia, and Kim Jong Un, president of North Korea. Photo: collected",
  [("Vladimir Putin", F), ("Russia", F), ("Kim Jong Un", F), ("North Korea", F)]),
 ("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন উত্তর কোরিয়া সফরের আগ্রহ প্রকাশ করেছেন। উত্তরের প্রেসিডেন্ট কিম জং উনের আমন্ত্রণে শিগগিরই পিয়ংইয়ং সফর করবেন তিনি।",
  "Russia's President Vladimir Putin has said he wants to visit North Korea. He will travel to Pyongyang soon at the invitation of Kim Jong Un, the North's president.",
  [("Russia", F), ("Vladimir Putin", F), ("North Korea", F), ("Pyongyang", F), ("Kim Jong Un", F)]),
 ("গত সপ্তাহে পুতিনের সঙ্গে উত্তর কোরিয়ার পররাষ্ট্রমন্ত্রী চোয়ে সন হুই দেখা করলে এই আগ্রহের কথা প্রকাশ করেন রুশ প্রেসিডেন্ট।",
  "The Russian president voiced this interest when North Korea's foreign minister Choe Son Hui met Putin last week.",
  [("North Korea", F), ("Choe Son Hui", F), ("Putin", F)]),
 ("রোববার (২১ জানুয়ারি) উত্তরের রাষ্ট্রীয় বার্তা সংস্থা কেসিএনএ-এর বরাতে এসব তথ্য জানিয়েছে রয়টার্স।",
  "Reuters reported this on Sunday (January 21), citing KCNA, the North's state news agency.",
  [("Reuters", F), ("KCNA", F)]),
 ("যুক্তরাষ্ট্র ও এর মিত্রদের চাপে বিশ্ব থেকে প্রায় একঘরে হয়ে আছে উত্তর কোরিয়া।",
  "Under pressure from the United States and its allies, North Korea is almost cut off from the world.",
  [("United States", F), ("North Korea", F)]),
 ("এমন পরিস্থিতিতে মস্কোর সঙ্গে ঘনিষ্ঠ সম্পর্ক গড়ে তুলছে পিয়ংইয়ং।",
  "In these circumstances Pyongyang is forging close ties with Moscow.",
  [("Pyongyang", F), ("Moscow", F)]),
 ("উত্তরের রাষ্ট্রীয় বার্তা সংস্থা কেসিএনএ জানিয়েছে, পররাষ্ট্রমন্ত্রী চো সন হুই রুশ পররাষ্ট্রমন্ত্রী সের্গেই লাভরভের আমন্ত্রণে গত সোমবার থেকে বুধবার পর্যন্ত রাশিয়া সফর করেছেন।",
  "KCNA said foreign minister Choe Son Hui had visited Russia from Monday to Wednesday last week at the invitation of Sergei Lavrov, her Russian counterpart.",
  [("KCNA", F), ("Choe Son Hui", F), ("Russia", F), ("Sergei Lavrov", F)]),
 ("২০২২ সালের ২৪ ফেব্রুয়ারি ইউক্রেন যুদ্ধ শুরু হলে মস্কো ও পিয়ংইয়ংয়ের সম্পর্ক আরও ঘনিষ্ঠ হয়।",
  "Ties between Moscow and Pyongyang grew closer once the Ukraine war started on 24 February 2022.",
  [("Moscow", F), ("Pyongyang", F), ("Ukraine", F)]),
 ("মার্কিন সরকারের দাবি, উত্তর কোরিয়ার কাছ থেকে ব্যালিস্টিক ক্ষেপণাস্ত্র কিনেছে রাশিয়া।",
  "The US government says Russia has purchased ballistic missiles from North Korea.",
  [("US", F), ("Russia", F), ("North Korea", F)]),
 ("কোরিয়ার ব্যালিস্টিক ক্ষেপণাস্ত্র হস্তান্তর ও পরীক্ষার সঙ্গে জড়িত থাকার অভিযোগে তিনটি রুশ প্রতিষ্ঠান এবং এক ব্যক্তির ওপর নিষেধাজ্ঞা আরোপ করে ওয়াশিংটন।",
  "Washington sanctioned three Russian firms and one person accused of involvement in transferring and testing Korea's ballistic missiles.",
  [("Washington", F), ("Korea", F)]),
 ("কেসিএনএ জানিয়েছে, সফরের আমন্ত্রণ জানানোয় উত্তর কোরিয়ার নেতা কিম জং উনকে ধন্যবাদ জানিয়েছেন পুতিন।",
  "According to KCNA, Putin thanked North Korean leader Kim Jong Un for the invitation.",
  [("KCNA", F), ("Putin", F), ("Kim Jong Un", F)]),
 ("যদি পুতিন আসলেই উত্তর কোরিয়া সফর করেন তাহলে সেটি হবে দুই দশকের বেশি সময়ের মধ্যে তার প্রথম পিয়ংইয়ং সফর।",
  "Should Putin actually go to North Korea, it would be his first trip to Pyongyang in over twenty years.",
  [("Putin", F), ("North Korea", F), ("Pyongyang", F)]),
]

MR = [
 ("किम जोंग उन यांनी रशियाचे परराष्ट्रमंत्री सेर्गे लव्ह्रोव्ह यांच्या उत्तर कोरिया दौर्यावर प्योंगियांग-मॉस्को आघाडीवर जोर दिला.",
  "During the North Korea trip of Sergei Lavrov, Russia's foreign minister, Kim Jong Un underlined the Pyongyang–Moscow alliance.",
  [("North Korea", F), ("Sergei Lavrov", F), ("Russia", F), ("Kim Jong Un", F), ("Pyongyang", F), ("Moscow", F)]),
 ("उत्तर कोरियाचे नेते किम जोंग उन यांनी रशियाच्या सर्वोच्च मुत्सद्दीला सांगितले की, प्योंगयांग युक्रेनविरूद्धच्या युद्धात मॉस्कोने केलेल्या सर्व कृतींना “समर्थन” करण्यास तयार आहे, असे राज्य माध्यमांनी सांगितले की दोन्ही देशांमध्ये उच्च स्तरीय धोरणात्मक चर्चा आहे.",
  "North Korea's leader Kim Jong Un told Russia's top diplomat that Pyongyang is ready to \"support\" every step Moscow takes in its war on Ukraine, state media reported, as the two countries held high-level strategic talks.",
  [("North Korea", F), ("Kim Jong Un", F), ("Russia", F), ("Pyongyang", F), ("Moscow", F), ("Ukraine", F)]),
 ("रशियन परराष्ट्र व्यवहार मंत्री सेर्गेय लावरोव्ह तीन दिवस उत्तर कोरियाला भेट देत आहेत, ज्याने युक्रेनविरूद्ध रशियन युद्धासाठी सैन्य व शस्त्रे दिली आहेत आणि मॉस्को संघर्षात प्रगती करण्याच्या प्रयत्नात पुढील लष्करी मदतीचे आश्वासन दिले आहे.",
  "Russian Foreign Minister Sergei Lavrov is on a three-day visit to North Korea, which has supplied troops and arms for the Russian war against Ukraine and has pledged more military help as Moscow tries to advance in the conflict.",
  [("Sergei Lavrov", F), ("North Korea", F), ("Ukraine", F), ("Moscow", F)]),
 ("पूर्व कोस्टल सिटी, वानसन येथे किमने लव्हरोव यांची भेट घेतली, जिथे लावरोव्ह आणि त्याचे उत्तर कोरिया समतुल्य, चू सोन हूई यांनी आपले दुसरे सामरिक संभाषण केले होते, गेल्या वर्षी स्वाक्षरी केलेल्या भागीदारी कराराअंतर्गत परस्पर संरक्षण कराराचा समावेश करण्यासाठी पुढील सहकार्याचे आश्वासन दिले होते.",
  "Kim received Lavrov in the east coast city of Wonsan, where Lavrov and his North Korean counterpart Choe Son Hui had held their second strategic dialogue.",
  [("Kim", F), ("Lavrov", F), ("Wonsan", F), ("Lavrov", F), ("Choe Son Hui", F)]),
 ("किमने लव्ह्रोव्हला सांगितले की जगभरातील भूगर्भशास्त्रज्ञांच्या मूलगामी विकासाला उत्तर देताना सहयोगींनी घेतलेल्या पावले जगभरात शांतता व संरक्षणाच्या संरक्षणास मोठ्या प्रमाणात योगदान देतील, असे उत्तर कोरियाच्या राज्य वृत्तसंस्थेच्या केसीएनएने दिलेल्या वृत्तानुसार.",
  "Kim told Lavrov that the steps taken by the allies would contribute greatly to peace and security around the world, according to KCNA, North Korea's state news agency.",
  [("Kim", F), ("Lavrov", F), ("KCNA", F), ("North Korea", F)]),
 ("केसीएनए म्हणतात, “किम जोंग उन यांनी याची पुष्टी केली आहे की डीपीआर रशियन नेतृत्वाने स्वीकारलेल्या सर्व व्यवस्थापनाच्या बाजूने युक्रेनियन संकटाच्या मुख्य कारणास पाठिंबा आणि प्रोत्साहित करण्यास तयार आहे,” केसीएएनने म्हटले आहे की देशाचे अधिकृत नाव, डेमोक्रॅटिक पीपल्स रिपब्लिक ऑफ कोरिया, देशाचे थोडक्यात वर्णन करतात.",
  "\"Kim Jong Un affirmed that the DPR is ready to support all measures taken by the Russian leadership,\" KCNA said, the DPR being short for the country's official name, the Democratic People's Republic of Korea.",
  # डीपीआर appears once; the second "DPR" of the gloss has no counterpart.
  [("Kim Jong Un", F), ("DPR", F), ("KCNA", F), ("DPR", M), ("Democratic People's Republic of Korea", F)]),
 ("रशियन परराष्ट्र मंत्रालयाने दोघांच्या टेलीग्रामवर एक व्हिडिओ पोस्ट केला आणि एकमेकांना मिठीत अभिवादन केले.",
  "The Russian foreign ministry posted a video on Telegram of the two greeting each other with a hug.",
  [("Telegram", F)]),
 ("उत्तर कोरियाच्या नेत्यानेही असा विश्वास व्यक्त केला की रशियन सैन्य आणि लोक देशातील सन्मान आणि मूलभूत हितसंबंधांचे संरक्षण करण्याचे पवित्र कारण नक्कीच जिंकतील. “",
  "The North Korean leader also voiced confidence that the Russian army and people would surely win their sacred cause of defending the country's dignity and core interests.",
  []),
 ("केसीएनए म्हणाले की, दोन लोक अन्यथा “जून २०२१ मध्ये चर्चा केलेल्या ऐतिहासिक तिहासिक डीपीआरके-रशिया शिखर परिषदेने करारांवर विश्वासूपणे अंमलबजावणी करण्याच्या महत्त्वपूर्ण मुद्द्यांविषयी चर्चा केली”, केसीएनए म्हणाले.",
  "KCNA said the two discussed important issues in faithfully implementing the agreements of the historic DPRK–Russia summit of June 2021.",
  [("KCNA", F), ("DPRK", F), ("Russia", F)]),
 ("युक्रेन युद्धाच्या शेवटच्या दोन वर्षांत रशिया आणि उत्तर कोरियामधील संबंध नाटकीयरित्या वाढले आहेत, जे फेब्रुवारी २०२२ मध्ये रशियाच्या शेजार्याच्या संपूर्ण आक्रमकतेसह सुरू झाले आणि प्योंगयांग मॉस्कोच्या मागे १,5 हून अधिक सैन्य आणि शस्त्रे तैनात केली.",
  "Relations between Russia and North Korea have grown dramatically over the two years of the Ukraine war, which began with Russia's full-scale invasion of its neighbour in February 2022, and Pyongyang has deployed troops and weapons behind Moscow.",
  [("Russia", F), ("North Korea", F), ("Ukraine", F), ("Russia", F), ("Pyongyang", F), ("Moscow", F)]),
 ("उत्तर कोरियाच्या दुर्मिळ भेटीदरम्यान, रशियन अध्यक्ष व्लादिमीर पुतीन यांनी परस्पर संरक्षण कलमासह गेल्या वर्षी लष्करी करारावर स्वाक्षरी केली.",
  "On a rare visit to North Korea last year, Russian President Vladimir Putin signed a military pact with a mutual defence clause.",
  [("North Korea", F), ("Vladimir Putin", F)]),
 ("रशियन राज्य वृत्तसंस्था टीएएसने दिलेल्या माहितीनुसार, लव्ह्रोव्ह यांनी किमला सांगितले की पुतीनला “नजीकच्या भविष्यात थेट संपर्क सुरू ठेवण्याची आशा आहे”.",
  "Lavrov told Kim that Putin hopes \"to continue direct contacts in the near future\", according to TASS, the Russian state news agency.",
  [("Lavrov", F), ("Kim", F), ("Putin", F), ("TASS", F)]),
 ("या भेटीपूर्वी रशियाने घोषित केले की ते मॉस्को आणि प्योंगियांग दरम्यान आठवड्यातून दोनदा उड्डाण सुरू करेल.",
  "Ahead of the visit, Russia said it would launch twice-weekly flights between Moscow and Pyongyang.",
  [("Russia", F), ("Moscow", F), ("Pyongyang", F)]),
 ("लव्ह्रोव्ह यांनी वायन्सानला “एक चांगले पर्यटकांचे आकर्षण” म्हणून कौतुक केले, “आम्हाला आशा आहे की ते केवळ स्थानिक नागरिकांसाठीच नव्हे तर रशियन लोकांसाठीही लोकप्रिय होईल.”",
  "Lavrov hailed Wonsan as \"a fine tourist attraction\", saying \"we hope it will become popular not only with local residents but also with Russians.\"",
  [("Lavrov", F), ("Wonsan", F)]),
]

# Mutations: (segment, old, new, {name: new status}, [hallucinated surname]).
# A status override applies to the first label of that name in the segment.
BN_MUT = {
 "swap": [
  (2, "চো তাই-ইউল", "চোয়ে সন হুই", {"Cho Tae-yul": M}, ["Choe Son Hui"]),
  (12, "চোয়ে সন হুই", "চো তাই-ইউল", {"Choe Son Hui": M}, ["Cho Tae-yul"]),
  (17, "ল্যাভরভ বলেন", "পেসকভ বলেন", {"Lavrov": M}, ["Peskov"]),
  # Borrell and Kim Yong-hyun occur only in article 000, so in these lines of article 004
  # they are another document's names, which the checker does not look for.
  (40, "জানিয়েছেন পুতিন", "জানিয়েছেন বোরেল", {"Putin": M}, []),
  (30, "কিম জং উন", "কিম ইয়ং-হিউন", {"Kim Jong Un": M}, []),
 ],
 "delete": [
  (14, "সের্গেই ল্যাভরভ ", "", {"Sergei Lavrov": M}, []),
  (10, " যার নাম হোয়াসোং-19", "", {"Hwasong-19": M}, []),
  (35, "পিয়ংইয়ং।", "দেশটি।", {"Pyongyang": M}, []),
  (4, "প্রতিরক্ষামন্ত্রী কিম ইয়ং-হিউনের", "প্রতিরক্ষামন্ত্রীর", {"Kim Yong-hyun": M}, []),
  (28, " , রয়টার্সের", "", {"Reuters": M}, []),
 ],
}

# Re-spell half the mentions (every second occurrence of each form in the file).
BN_RESPELL = [("পুতিন", "পুটিন"), ("ল্যাভরভ", "লাভরোভ"), ("পিয়ংইয়ং", "পিয়ংইয়াং")]
# A different but valid transliteration, applied to every occurrence.
BN_TRANSLIT = [("চোয়ে সন হুই", "চোই সোন হুই"), ("চোয়ে সন-হুই", "চোই সোন-হুই"), ("চো সন হুই", "চোই সোন হুই"),
               ("ল্যাভরভ", "লাভরোভ"), ("লাভরভ", "লাভরোভ"), ("ভ্লাদিমির", "ভ্লাদিমীর"),
               ("পিয়ংইয়ং", "পিয়ংইয়াং"), ("দিমিত্রি", "দমিত্রি"), ("ব্লিঙ্কেন", "ব্লিংকেন"),
               ("কুরস্ক", "কুর্স্ক"), ("বোরেল", "বরেল"), ("সিউল", "সোল"), ("হোয়াসোং-19", "হোয়াসং-১৯")]

MR_MUT = {
 "swap": [
  (3, "चू सोन हूई", "चो ते-युल", {"Choe Son Hui": M}, []),
  (10, "व्लादिमीर पुतीन", "किम जोंग उन", {"Vladimir Putin": M}, ["Kim Jong Un"]),
  (4, "लव्ह्रोव्हला", "पुतीनला", {"Lavrov": M}, ["Putin"]),
 ],
 "delete": [
  (13, "लव्ह्रोव्ह यांनी ", "", {"Lavrov": M}, []),
  (12, "मॉस्को आणि प्योंगियांग दरम्यान", "दोन्ही राजधान्यांदरम्यान", {"Moscow": M, "Pyongyang": M}, []),
 ],
}
MR_RESPELL = [("मॉस्को", "मास्को"), ("पुतीन", "पुतिन")]

# Entities spelled more than one way in a file (read off the text), which must be flagged.
INCONSISTENT = {
 "bn.orig.bn": ["Lavrov", "Choe Son Hui"],
 "bn.respell.bn": ["Putin", "Lavrov", "Pyongyang"],
 "mr.orig.mr": ["Lavrov", "Sergei Lavrov", "Pyongyang", "Wonsan"],
 "mr.respell.mr": ["Moscow", "Putin", "Lavrov"],
}


def respell(lines, pairs):
    out = list(lines)
    for old, new in pairs:
        n = 0
        for i, l in enumerate(out):
            parts = l.split(old)
            s = parts[0]
            for p in parts[1:]:
                s += (new if n % 2 == 1 else old) + p
                n += 1
            out[i] = s
    return out


def article(lang, i):
    """The seed article of line i: bn 0–12 → 000, 13–28 → 001, 29–41 → 004; mr → 003."""
    if lang == "mr":
        return "003"
    return "000" if i <= 12 else "001" if i <= 28 else "004"


def write(name, lines):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    labels = []
    for lang, rows, muts, resp in [("bn", BN, BN_MUT, BN_RESPELL), ("mr", MR, MR_MUT, MR_RESPELL)]:
        tgt = [r[0] for r in rows]
        write(f"{lang}.src.en", [r[1] for r in rows])
        # Document ids: the seed article each line comes from (see README).
        write(f"{lang}.docids", [article(lang, i) for i in range(len(rows))])
        files = {f"{lang}.orig.{lang}": (tgt, {}, [])}
        for kind, edits in muts.items():
            t = list(tgt)
            over, hall = {}, []
            for seg, old, new, st, h in edits:
                assert old in t[seg], (lang, kind, seg, old)
                t[seg] = t[seg].replace(old, new, 1)
                for name, s in st.items():
                    over[(seg, name)] = s
                hall += [(seg, x) for x in h]
            files[f"{lang}.{kind}.{lang}"] = (t, over, hall)
        files[f"{lang}.respell.{lang}"] = (respell(tgt, resp), {}, [])
        if lang == "bn":
            t = list(tgt)
            for old, new in BN_TRANSLIT:
                t = [l.replace(old, new) for l in t]
            files["bn.translit.bn"] = (t, {}, [])
        for fname, (t, over, hall) in files.items():
            write(fname, t)
            for seg, (_, _, names) in enumerate(rows):
                done = set()
                for name, st in names:
                    if (seg, name) in over and name not in done:
                        st = over[(seg, name)]
                        done.add(name)
                    labels.append(f"M\t{fname}\t{seg}\t{name}\t{st}")
            for seg, h in hall:
                labels.append(f"H\t{fname}\t{seg}\t{h}")
    for fname, ents in INCONSISTENT.items():
        for e in ents:
            labels.append(f"V\t{fname}\t{e}")
    write("labels.tsv", labels)


if __name__ == "__main__":
    main()
