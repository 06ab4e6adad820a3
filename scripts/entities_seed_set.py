#!/usr/bin/env python3
"""Builds the seed-article entity set in tests/data/entities/ (see its README.md).

    python3 scripts/entities_seed_set.py [SEEDS_DIR]

SEEDS_DIR holds the project's seed articles (default: ../shared/seeds relative to the repository
root). Writes, into tests/data/entities/ whatever the current directory: bn.src.en,
bn.seeds.bn, bn.docids, mr.src.en, mr.seeds.mr and the mutations bn.swap.bn, bn.respell.bn,
bn.delete.bn. (labels.tsv there is hand-reviewed and not written by this script.)
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'tests', 'data', 'entities')
S = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'seeds')


def read(name):
    with open(os.path.join(S, name), encoding='utf-8') as f:
        return f.read().split('\n')


b0 = read('000_63de4e9106d799ad.txt')
b1 = read('001_1a827aa54fbb11a2.txt')
b4 = read('004_3724ae8ebe24ad35.txt')
m3 = read('003_0fac6728e550ebd2.txt')
# 000 lines: English from 002 (same story), re-cut to 000's sentence boundaries.
en0 = [
"South Korea and the European Union issued a joint condemnation on Monday regarding North Korea‘s provision of weaponry to Moscow, calling for the withdrawal of North Korean troops deployed to support Russia in its ongoing conflict with Ukraine.",
"The EU and South Korea held their first “Strategic Dialogue” meeting in Seoul, shortly after concerns were raised by Washington and Seoul about North Korea’s military assistance to Russia.",
"In their joint declaration, EU foreign policy chief Josep Borrell and South Korean Foreign Minister Cho Tae-yul denounced North Korea’s “illegal arms transfers to the Russian Federation for use in its aggression against Ukraine.”",
"They called for an immediate cessation of this “illegal military cooperation” and the withdrawal of North Korean forces.",
"Borrell also engaged with South Korean Defence Minister Kim Yong-hyun.",
"“Russia’s aggression against Ukraine poses an existential threat,” Borrell remarked in a post on X, accompanied by a photo of his handshake with Kim. “The Republic of Korea is uniquely positioned to comprehend this threat. We stand united in our support for Ukraine and I urged them to enhance their efforts.”",
"The two nations have established a security and defense partnership that encompasses 15 areas, including cyber security and disarmament.",
"In response to a question last week about the possibility of Seoul supplying weapons to Ukraine due to North Korea’s support for Russia, Cho indicated that all potential scenarios are being evaluated.",
"While South Korea has supplied non-lethal assistance to Ukraine, such as mine clearance equipment, it has declined requests for weaponry.",
"Seoul anticipates that North Korea will receive military and civilian technology from Moscow as it strives to launch a spy satellite and enhance its missile capabilities.",
"Recently, North Korea demonstrated its military strength by testing a large new solid-fuel intercontinental ballistic missile known as Hwasong-19.",
"U.S. Secretary of State Antony Blinken mentioned last week that Washington expects North Korean troops stationed in Russia’s Kursk region, which has been partially occupied by Ukraine, to soon engage in combat against Ukrainian forces.",
"During discussions in Moscow on Friday, North Korean Foreign Minister Choe Son Hui expressed her nation’s support for Russia until it secures victory in Ukraine.",
]
# 001, 003, 004: our English glosses of the name-bearing lines.
en1 = [
"Russian Foreign Minister Lavrov arrived in Pyongyang, thanking North Korea for its \"unwavering support\" in the war in Ukraine and saying bilateral relations had reached a \"strategic\" level.",
"Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on 18 October at the start of a two-day visit to North Korea. North Korean media said that Lavrov's visit would be an \"important opportunity\" to further strengthen bilateral relations.",
"Speaking at a reception hosted by North Korea that evening, Lavrov said Russia was \"extremely grateful\" for the \"principled and unwavering support of North Korea\" for the actions of Russia related to the \"special military operation\" in Ukraine. \"Russia also fully supports the aspirations of North Korea and expresses solidarity with them,\" Lavrov said.",
"Lavrov's visit is expected to lay the groundwork for President Vladimir Putin's future visit to North Korea. At a meeting with North Korean Foreign Minister Choe Son Hui today, Lavrov said relations between the two countries had reached a new level.",
"\"After the historic summit between President Putin and leader Kim Jong-un in September, we can confidently say that relations between Russia and North Korea have reached a qualitatively new strategic level,\" he said.",
"Russian Foreign Minister Sergei Lavrov (left) and North Korean Foreign Minister Choe Son Hui at a welcome ceremony in Pyongyang on 18 October. Photo: AFP",
"During a visit to Russia last month and a meeting with President Putin, leader Kim Jong-un confirmed that bilateral relations with Moscow were the \"top priority\" of Pyongyang. Mr Kim Jong-un also invited Mr Putin to visit North Korea and the Russian president accepted.",
"Kremlin spokesman Dmitry Peskov said the date of the visit by Putin had not been set through diplomatic channels. According to him, the visit of Foreign Minister Lavrov could provide some clarity on the matter.",
"Since the conflict in Ukraine began in December 2022, warm relations between Russia and North Korea have strengthened further. Pyongyang has repeatedly and publicly supported Russia at the United Nations, insisting that the \"hegemonic and authoritarian policies\" of the United States and its western allies caused the war. North Korean leader Kim Jong-un affirmed that strengthening cooperation with neighbouring Russia is \"natural\".",
"Hoang Le (according to AFP, Reuters)",
]
en4 = {
4: "Putin to visit North Korea soon",
6: "Russian President Vladimir Putin and North Korean President Kim Jong Un. Photo: collected",
9: "Russian President Vladimir Putin has expressed interest in visiting North Korea. He will soon visit Pyongyang at the invitation of the North's President Kim Jong Un.",
11: "The Russian president expressed this interest when North Korean Foreign Minister Choe Son Hui met Putin last week. Reuters reported this on Sunday (21 January), citing the North's state news agency KCNA.",
13: "North Korea is almost isolated from the world under pressure from the United States and its allies. In this situation, Pyongyang is building close ties with Moscow. The North's state news agency KCNA said that Foreign Minister Choe Son Hui visited Russia from last Monday to Wednesday at the invitation of Russian Foreign Minister Sergei Lavrov.",
15: "Relations between Moscow and Pyongyang grew closer after the war in Ukraine began on 24 February 2022. The US government claims that Russia has bought ballistic missiles from North Korea, which were used against Ukraine from 30 December to 2 January. Washington imposed sanctions on three Russian entities and one individual over the transfer and testing of Korean ballistic missiles. However, both countries have denied making any arms deal.",
17: "KCNA said Putin thanked North Korean leader Kim Jong Un for the invitation. If Putin does visit North Korea, it will be his first visit to Pyongyang in more than two decades.",
}
en3 = {
0: "Kim Jong Un stressed the Pyongyang-Moscow alliance during the visit of Russian Foreign Minister Sergei Lavrov to North Korea.",
1: "North Korean leader Kim Jong Un told the top diplomat of Russia that Pyongyang is ready to \"support\" all actions taken by Moscow in the war against Ukraine, state media said, as the two countries held high-level strategic talks.",
2: "Russian Foreign Minister Sergei Lavrov is visiting North Korea for three days, which has provided troops and weapons for the Russian war against Ukraine, and Moscow has promised further military aid in its effort to advance in the conflict.",
3: "Kim met Lavrov in the east coast city of Wonsan, where Lavrov and his North Korean counterpart, Choe Son Hui, had held their second strategic dialogue and promised further cooperation.",
4: "Kim told Lavrov that the steps taken by the allies would contribute greatly to peace and security worldwide, according to a report by KCNA, the state news agency of North Korea.",
5: "KCNA said that Kim Jong Un affirmed that the DPR is ready to support all measures adopted by the Russian leadership, KCNA added.",
10: "During the rare visit to North Korea, Russian President Vladimir Putin signed a military agreement with a mutual defence clause last year.",
11: "According to the Russian state news agency TASS, Lavrov told Kim that Putin hopes \"to continue direct contacts in the near future\".",
12: "Before this visit, Russia announced that it would start flights between Moscow and Pyongyang twice a week.",
13: "Lavrov praised Wonsan as \"a good tourist attraction\".",
}

def write(name, lines):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')

src_bn = en0 + en1 + [en4[k] for k in sorted(en4)]
hyp_bn = b0[:13] + b1[:10] + [b4[k] for k in sorted(en4)]
assert len(src_bn) == len(hyp_bn)
write('bn.src.en', src_bn)
write('bn.seeds.bn', hyp_bn)
write('bn.docids', ['000'] * 13 + ['001'] * 10 + ['004'] * len(en4))
write('mr.src.en', [en3[k] for k in sorted(en3)])
write('mr.seeds.mr', [m3[k] for k in sorted(en3)])

def mut(lines, edits):
    out = list(lines)
    for i, (a, b) in edits:
        assert a in out[i], (i, a)
        out[i] = out[i].replace(a, b, 1)
    return out

# A name swapped for another person's.
write('bn.swap.bn', mut(hyp_bn, [(12, ("চোয়ে সন হুই", "চো তাই-ইউল")), (4, ("বোরেল", "ব্লিঙ্কেন")),
                                 (16, ("লাভরভ বলেন", "পেসকভ বলেন"))]))
# Half the mentions re-spelled: every second পুতিন → পুটিন; two of five কিম জং উন → কিম জন উন.
out, cnt = [], 0
for l in hyp_bn:
    parts = l.split('পুতিন')
    s = parts[0]
    for p in parts[1:]:
        s += ('পুটিন' if cnt % 2 else 'পুতিন') + p
        cnt += 1
    out.append(s)
write('bn.respell.bn', mut(out, [(24, ("কিম জং উন", "কিম জন উন")), (29, ("কিম জং উন", "কিম জন উন"))]))
# Names deleted.
write('bn.delete.bn', mut(hyp_bn, [(14, ("সের্গেই ল্যাভরভ ", "")), (10, ("হোয়াসোং-19", "ক্ষেপণাস্ত্র")),
                                   (27, ("মস্কোর সঙ্গে", "রাশিয়ার সঙ্গে"))]))
